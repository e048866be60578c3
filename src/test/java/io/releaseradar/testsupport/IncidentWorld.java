package io.releaseradar.testsupport;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A product with one bad release, fed through the public API: three versions of 100 customers each, a week of the
 * usual sync questions, then 24 customers of version 1.2 losing notes within 12 hours from {@link #incident}.
 * Evaluated as of {@link #asOf}, 1.2 gets an alert. Each world has a product and a period of its own, so
 * evaluations of other tests' products do not meet it.
 *
 * @param as a JSON request as the given role (e.g. {@code Api::as}, or a packaged instance's {@code as})
 */
public record IncidentWorld(Function<String, RequestSpecification> as, String product, Instant t0, Instant incident,
        Instant asOf) {

    public static final String[] VERSIONS = {"1.0", "1.1", "1.2"};
    public static final int CUSTOMERS = 300;

    /** Creates the world's releases, customers, installations and contacts. */
    public static IncidentWorld load(Function<String, RequestSpecification> as) {
        Instant t0 = Instant.parse("2031-01-01T00:00:00Z")
                .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        Instant incident = t0.plus(Duration.ofDays(9));
        IncidentWorld w = new IncidentWorld(as, Api.uniqueProduct(), t0, incident,
                incident.plus(Duration.ofHours(13)).plus(Duration.ofMinutes(20)));
        w.feed();
        return w;
    }

    public String customer(int i) {
        return product + "-c" + i;
    }

    private void feed() {
        for (int v = 0; v < VERSIONS.length; v++) {
            Map<String, Object> release = new HashMap<>();
            release.put("releasedAt", t0.plus(Duration.ofDays(v)).toString());
            release.put("previousVersion", v == 0 ? null : VERSIONS[v - 1]);
            as.apply("release-manager").body(release)
                    .put("/api/v1/products/{p}/releases/{v}", product, VERSIONS[v]).then().statusCode(201);
        }
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> installs = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(Map.of("id", customer(i), "email", "c" + i + "@example.org"));
            installs.add(Map.of("customerId", customer(i), "product", product, "version", VERSIONS[i % 3],
                    "installedAt", t0.plus(Duration.ofDays(i % 3)).plus(Duration.ofHours(1)).toString()));
        }
        as.apply("ingest").body(customers).post("/api/v1/customers/batch").then().statusCode(200);
        as.apply("ingest").body(installs).post("/api/v1/installations/batch").then().statusCode(200)
                .body("accepted", equalTo(CUSTOMERS));
        List<Map<String, Object>> contacts = new ArrayList<>();
        // the usual: each day 4 customers of each version ask about sync, at different hours
        for (int day = 3; day < 10; day++) {
            for (int i = 0; i < 12; i++) {
                int c = (day * 12 + i * 7) % CUSTOMERS;
                contacts.add(contact("d" + day + "-" + i, c, t0.plus(Duration.ofDays(day)).plus(Duration.ofHours(
                        i * 2)), "Sync Issues", "Sync is slow", "syncing takes minutes"));
            }
        }
        // the incident: 24 customers of 1.2 (customer numbers 2, 5, 8, ...) lose notes within 12 hours
        for (int k = 0; k < 24; k++) {
            contacts.add(contact("x" + k, 3 * k + 2, incident.plus(Duration.ofMinutes(30L * k)), "Data",
                    "Lost notes after update", "all my notes are gone since 1.2, I lost a week of work"));
        }
        as.apply("ingest").body(contacts).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(contacts.size()));
    }

    private Map<String, Object> contact(String id, int customer, Instant at, String category, String subject,
            String body) {
        return Contacts.unversioned(product, id, customer(customer), at, category, subject, body);
    }
}

package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole detection path over the public API: releases, installs and contacts in; evaluation, alerts, health and
 * backtests out. Three versions of 100 customers each; version 1.2 starts losing notes on day 9.
 */
@QuarkusTest
class DetectionFlowTest {

    @Inject
    AgroalDataSource dataSource;

    private String product;
    private Instant t0;
    private Instant incident;
    private Instant asOf;

    @BeforeEach
    void load() {
        product = Api.uniqueProduct();
        // a period of its own, so that evaluations of other tests' products do not meet this one's
        t0 = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        incident = t0.plus(Duration.ofDays(9));
        asOf = incident.plus(Duration.ofHours(13)).plus(Duration.ofMinutes(20));
        String[] versions = {"1.0", "1.1", "1.2"};
        for (int v = 0; v < 3; v++) {
            Map<String, Object> release = new HashMap<>();
            release.put("releasedAt", t0.plus(Duration.ofDays(v)).toString());
            release.put("previousVersion", v == 0 ? null : versions[v - 1]);
            as(Roles.RELEASE_MANAGER).body(release)
                    .put("/api/v1/products/{p}/releases/{v}", product, versions[v]).then().statusCode(201);
        }
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> installs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            customers.add(Map.of("id", customer(i), "email", "c" + i + "@example.org"));
            installs.add(Map.of("customerId", customer(i), "product", product, "version", versions[i % 3],
                    "installedAt", t0.plus(Duration.ofDays(i % 3)).plus(Duration.ofHours(1)).toString()));
        }
        as(Roles.INGEST).body(customers).post("/api/v1/customers/batch").then().statusCode(200);
        as(Roles.INGEST).body(installs).post("/api/v1/installations/batch").then().statusCode(200)
                .body("accepted", equalTo(300));
        List<Map<String, Object>> contacts = new ArrayList<>();
        // the usual: each day 4 customers of each version ask about sync, at different hours
        for (int day = 3; day < 10; day++) {
            for (int i = 0; i < 12; i++) {
                int c = (day * 12 + i * 7) % 300;
                contacts.add(contact("d" + day + "-" + i, c, t0.plus(Duration.ofDays(day)).plus(Duration.ofHours(
                        i * 2)), "Sync Issues", "Sync is slow", "syncing takes minutes"));
            }
        }
        // the incident: 24 customers of 1.2 (customer numbers 2, 5, 8, ...) lose notes within 12 hours
        for (int k = 0; k < 24; k++) {
            contacts.add(contact("x" + k, 3 * k + 2, incident.plus(Duration.ofMinutes(30L * k)), "Data",
                    "Lost notes after update", "all my notes are gone since 1.2, I lost a week of work"));
        }
        as(Roles.INGEST).body(contacts).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(contacts.size()));
    }

    private String customer(int i) {
        return product + "-c" + i;
    }

    private Map<String, Object> contact(String id, int customer, Instant at, String category, String subject,
            String body) {
        Map<String, Object> c = new HashMap<>();
        c.put("source", "hd-" + product);
        c.put("externalId", id);
        c.put("receivedAt", at.toString());
        c.put("channel", "phone");
        c.put("customerId", customer(customer));
        c.put("product", product);
        // no version: resolved from the installation at receivedAt
        c.put("category", category);
        c.put("subject", subject);
        c.put("body", body);
        return c;
    }

    private JsonPath evaluate(Instant at) {
        return as(Roles.ADMIN).body(Map.of("asOf", at.toString())).post("/api/v1/detection/evaluate").then()
                .statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> mine(JsonPath result, String list) {
        return result.<Map<String, Object>>getList(list).stream().filter(a -> product.equals(a.get("product")))
                .toList();
    }

    private JsonPath backtest(Instant from, Instant to) {
        return as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", from.toString(), "to",
                to.toString(), "step", "PT1H")).post("/api/v1/backtests").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aBadVersionIsFoundLiveAndInReplayAtTheSameHourWithEvidenceAndHealth() {
        // replay first: no side effects, and it tells the hour a live scheduler would have opened the alert
        JsonPath replay = backtest(t0.plus(Duration.ofDays(8)), asOf);
        assertThat(replay.getInt("evaluations")).isEqualTo(24 + 14);
        assertThat(replay.getList("alerts")).hasSize(1);
        assertThat(replay.getString("alerts[0].version")).isEqualTo("1.2");
        Instant opened = Instant.parse(replay.getString("alerts[0].openedAt"));
        assertThat(opened).isAfter(incident).isBefore(asOf);
        assertThat(Db.count(dataSource, "select count(*) from alert where product = ?", product)).isZero();

        // live, an hour earlier: nothing yet; at that hour: the same alert
        assertThat(mine(evaluate(opened.minus(Duration.ofHours(1))), "opened")).isEmpty();
        List<Map<String, Object>> live = mine(evaluate(opened), "opened");
        assertThat(live).hasSize(1);
        assertThat(live.get(0)).containsEntry("version", "1.2").containsEntry("openedAt", opened.toString())
                .containsEntry("status", "OPEN");

        JsonPath later = evaluate(asOf);
        assertThat(mine(later, "opened")).isEmpty();
        // the same asOf again changes nothing
        JsonPath again = evaluate(asOf);
        assertThat(mine(again, "opened")).isEmpty();
        assertThat(mine(again, "updated")).isEmpty();

        JsonPath alert = as(Roles.SUPPORT_LEAD).queryParam("product", product).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(alert.getList("$")).hasSize(1);
        assertThat(alert.getString("[0].severity")).isEqualTo("CRITICAL");
        // many phrases of the same 24 contacts tie; the summary names one with the critical word
        assertThat(alert.getString("[0].summary")).matches(java.util.regex.Pattern.quote(product)
                + " 1\\.2: \"[a-z ]*lost[a-z ]*\" from 2[0-9] customers in .*, [0-9.]+x the other versions \\(.*");
        assertThat(alert.getList("[0].signals")).isNotEmpty();
        assertThat(alert.getString("[0].signals[0].window")).startsWith("PT");
        List<String> subjects = alert.getList("[0].sampleContacts.subject");
        assertThat(subjects).hasSizeBetween(3, 5).allMatch(s -> s.startsWith("Lost notes"));

        as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "1.2").then().statusCode(200)
                .body("status", equalTo("CRITICAL")).body("enoughData", equalTo(true))
                .body("activeInstalls", equalTo(100));
        JsonPath healthy = as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "1.0").then().statusCode(200)
                .extract().jsonPath();
        assertThat(healthy.getString("status")).isEqualTo("HEALTHY");
        assertThat(healthy.getDouble("rateRatio")).isLessThan(1.5);
        // the release list carries the stored health of the latest evaluation
        JsonPath list = as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", product).then()
                .statusCode(200).extract().jsonPath();
        assertThat(list.getString("find { it.version == '1.2' }.health.status")).isEqualTo("CRITICAL");
        assertThat(list.getString("find { it.version == '1.0' }.health.status")).isEqualTo("HEALTHY");
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", t0.toString(), "to", asOf.toString(),
                "step", "1h")).post("/api/v1/backtests").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("step"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", t0.toString(),
                "to", t0.plus(Duration.ofHours(5000)).toString(), "step", "PT1H")).post("/api/v1/backtests").then()
                .statusCode(400).body("detail", containsString("cannot run"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", asOf.toString(), "to", t0.toString(),
                "step", "PT1H")).post("/api/v1/backtests").then().statusCode(400).body("errors[0].field",
                        equalTo("to"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", "nope-" + product, "from", t0.toString(),
                "to", asOf.toString(), "step", "PT1H")).post("/api/v1/backtests").then().statusCode(404);
        as(Roles.ADMIN).body(Map.of()).post("/api/v1/detection/evaluate").then().statusCode(400)
                .contentType("application/problem+json");
        as(Roles.ADMIN).body(Map.of("asOf", "2031-01-01T00:00:00")).post("/api/v1/detection/evaluate").then()
                .statusCode(400);
        as(Roles.RELEASE_MANAGER).queryParam("asOf", "yesterday")
                .get("/api/v1/products/{p}/releases/{v}/health", product, "1.2").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases/{v}/health", product, "9.9").then()
                .statusCode(404).contentType("application/problem+json");
        assertThat(Db.count(dataSource, "select count(*) from alert where product = ?", product)).isZero();
    }

    @Test
    void theHealthOfATinyVersionSaysNotEnoughData() {
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", incident.toString(), "previousVersion", "1.2"))
                .put("/api/v1/products/{p}/releases/{v}", product, "2.0-beta").then().statusCode(201);
        as(Roles.INGEST).body(List.of(Map.of("customerId", customer(0), "product", product, "version", "2.0-beta",
                "installedAt", incident.toString()))).post("/api/v1/installations/batch").then().statusCode(200);
        as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "2.0-beta").then().statusCode(200)
                .body("enoughData", equalTo(false)).body("activeInstalls", equalTo(1));
    }
}

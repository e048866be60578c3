package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.detection.DetectionScheduler;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 §4, end-to-end latency: a contact counts at the scheduler's next turn, not when its hour closes. A bad
 * release's contacts arrive in the current hour; the scheduled evaluation a few minutes later opens the alert and the
 * subscriber's webhook (a real HTTP server) is called once; the evaluations later in the hour and after it closed
 * (the whole hour counted) neither open nor raise it again; a replay as of the live instant answers as live did,
 * whatever arrived after it.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class CurrentHourAlertTest {

    private static final String[] VERSIONS = {"1.0", "1.1", "1.2"};
    private static final int CUSTOMERS = 300;
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @Inject
    DetectionScheduler scheduler;
    @Inject
    AlertDeliveryWorker worker;

    private final ObjectMapper json = new ObjectMapper();
    private WebhookReceiver receiver;
    private String product;
    /** The current hour of the test's world: its bad contacts come in its first minutes. */
    private Instant hour;

    @BeforeEach
    void world() {
        receiver = WebhookReceiver.start();
        product = Api.uniqueProduct();
        // a period of its own (as IncidentWorld): other tests' products are not active in it
        Instant t0 = Instant.parse("2031-01-01T00:00:00Z")
                .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        hour = t0.plus(Duration.ofDays(10)).plus(Duration.ofHours(14));
        for (int v = 0; v < VERSIONS.length; v++) {
            Map<String, Object> release = new HashMap<>();
            release.put("releasedAt", t0.plus(Duration.ofDays(v)).toString());
            release.put("previousVersion", v == 0 ? null : VERSIONS[v - 1]);
            as(Roles.RELEASE_MANAGER).body(release)
                    .put("/api/v1/products/{p}/releases/{v}", product, VERSIONS[v]).then().statusCode(201);
        }
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> installs = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(Map.of("id", customer(i), "email", "c" + i + "@example.org"));
            installs.add(Map.of("customerId", customer(i), "product", product, "version", VERSIONS[i % 3],
                    "installedAt", t0.plus(Duration.ofDays(i % 3)).plus(Duration.ofHours(1)).toString()));
        }
        as(Roles.INGEST).body(customers).post("/api/v1/customers/batch").then().statusCode(200);
        as(Roles.INGEST).body(installs).post("/api/v1/installations/batch").then().statusCode(200)
                .body("accepted", equalTo(CUSTOMERS));
        // the usual: each day 12 customers across the versions ask about sync
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int day = 3; day < 10; day++) {
            for (int i = 0; i < 12; i++) {
                contacts.add(Contacts.unversioned(product, "d" + day + "-" + i, customer((day * 12 + i * 7)
                        % CUSTOMERS), t0.plus(Duration.ofDays(day)).plus(Duration.ofHours(i * 2)), "Sync Issues",
                        "Sync is slow", "syncing takes minutes"));
            }
        }
        as(Roles.INGEST).body(contacts).post("/api/v1/contacts/batch").then().statusCode(200);
        Map<String, Object> subscription = new HashMap<>();
        subscription.put("product", product);
        subscription.put("minSeverity", "LOW");
        subscription.put("webhookUrl", receiver.url());
        subscription.put("webhookSecret", "secret-" + product);
        as(Roles.SUPPORT_LEAD).body(subscription).put("/api/v1/subscriptions/{id}", product).then()
                .statusCode(201);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private String customer(int i) {
        return product + "-c" + i;
    }

    /** Customers of 1.2 (numbers 2, 5, 8, …) lose notes, one contact a minute from {@code from}. */
    private void lostNotes(int first, int count, Instant from) {
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int k = first; k < first + count; k++) {
            contacts.add(Contacts.unversioned(product, "x" + k, customer(3 * k + 2), from.plus(Duration.ofMinutes(
                    k - first)), "Data", "Lost notes after update", "all my notes are gone since 1.2, I lost a week of work"));
        }
        as(Roles.INGEST).body(contacts).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(count));
    }

    /** One scheduled turn as of {@code at}, then the delivery worker's next run. */
    private void turn(Instant at) {
        scheduler.evaluate(at, INTERVAL);
        worker.deliverDue(Instant.now());
    }

    private JsonPath alerts() {
        return as(Roles.SUPPORT_LEAD).queryParam("product", product).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aContactOfTheCurrentHourAlertsAtTheNextTurnOnceAndStaysOpenWhenTheHourCloses() throws Exception {
        // nothing before the bad contacts: the turn as of the hour's start opens nothing
        turn(hour.plusSeconds(30));
        assertThat(alerts().getList("$")).isEmpty();

        lostNotes(0, 8, hour.plus(Duration.ofMinutes(2)));
        Instant live = hour.plus(Duration.ofMinutes(10)).plusSeconds(7);
        turn(live);

        JsonPath opened = alerts();
        assertThat(opened.getList("$")).as("the turn after the contacts opens the alert").hasSize(1);
        assertThat(opened.getString("[0].version")).isEqualTo("1.2");
        assertThat(opened.getString("[0].status")).isEqualTo("OPEN");
        assertThat(Instant.parse(opened.getString("[0].openedAt"))).isEqualTo(live);
        assertThat(receiver.calls()).as("the webhook, called at the delivery after that turn").hasSize(1);
        assertThat(receiver.calls().get(0).event()).isEqualTo("alert.opened");
        JsonNode posted = json.readTree(receiver.calls().get(0).body());
        assertThat(posted.get("id").asText()).isEqualTo(opened.getString("[0].id"));

        // a replay as of the live instant answers as live did, although a contact of the same hour came since
        String severity = opened.getString("[0].severity");
        lostNotes(8, 2, hour.plus(Duration.ofMinutes(40)));
        JsonPath replay = as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", live.toString(), "to",
                live.toString(), "step", "PT1H")).post("/api/v1/backtests").then().statusCode(200).extract()
                .jsonPath();
        assertThat(replay.getList("alerts")).hasSize(1);
        assertThat(replay.getString("alerts[0].severity")).isEqualTo(severity);
        assertThat(replay.<Object>getList("alerts[0].signals.observed"))
                .isEqualTo(opened.<Object>getList("[0].signals.observed"));

        // later in the hour, and once the hour has closed and counts whole: the same alert, no second call
        turn(hour.plus(Duration.ofMinutes(30)).plusSeconds(7));
        turn(hour.plus(Duration.ofMinutes(70)).plusSeconds(7));
        turn(hour.plus(Duration.ofHours(3)));
        JsonPath after = alerts();
        assertThat(after.getList("$")).hasSize(1);
        assertThat(after.getString("[0].status")).isEqualTo("OPEN");
        assertThat(after.getString("[0].id")).isEqualTo(opened.getString("[0].id"));
        assertThat(receiver.calls().stream().filter(c -> "alert.opened".equals(c.event()))).hasSize(1);
        // a rise is sent once per severity: the same evidence counted again (the hour closed) sends nothing
        List<String> sent = receiver.calls().stream().map(c -> c.event() + "/" + severityOf(c)).toList();
        assertThat(sent).doesNotHaveDuplicates();
    }

    private String severityOf(WebhookReceiver.Call call) {
        try {
            return json.readTree(call.body()).get("severity").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

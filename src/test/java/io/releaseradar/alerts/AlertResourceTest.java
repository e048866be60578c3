package io.releaseradar.alerts;

import static io.releaseradar.alerts.AlertTestSupport.finding;
import static io.releaseradar.detection.core.Severity.HIGH;
import static io.releaseradar.detection.core.Severity.LOW;
import static io.releaseradar.detection.core.Severity.MEDIUM;
import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static io.releaseradar.testsupport.Contacts.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertResourceTest {

    private static final Instant T0 = Instant.parse("2026-03-05T12:30:00Z");
    private static final String PROBLEM = "application/problem+json";

    @Inject
    AlertTestSupport support;
    @Inject
    AlertSamples samples;

    private String open(String product, String version, Instant asOf) {
        return support.apply(product, asOf, finding(product, version, MEDIUM, 6.0)).opened().get(0).id().toString();
    }

    private static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType(PROBLEM).body("status", equalTo(status));
    }

    @Test
    void anAlertIsListedAndReadExactlyInTheContractsShapeWithVerbatimSampleContacts() {
        String p = uniqueProduct();
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (String[] c : new String[][] {{"s1", "09:10", "Lost my notes"}, {"s2", "10:20", "All notes lost"},
                {"s3", "11:30", "lost notes after update"}, {"s4", "11:40", "Printer jam"}}) {
            Map<String, Object> m = contact(p, c[0], "2026-03-05T" + c[1] + ":00Z");
            m.put("version", "2.4.0");
            m.put("subject", c[2]);
            m.put("body", null);
            contacts.add(m);
        }
        as(Roles.INGEST).body(contacts).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(4));
        AlertView alert = support.apply(p, T0, List.of(finding(p, "2.4.0", HIGH, 12.5, "lost note")),
                samples.asOf(T0)).opened().get(0);

        Map<String, Object> listed = as(Roles.SUPPORT_LEAD).queryParam("product", p).get("/api/v1/alerts")
                .then().statusCode(200).contentType(ContentType.JSON).body("size()", equalTo(1))
                .extract().jsonPath().getMap("[0]");
        Map<String, Object> read = as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alert.id().toString())
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(read).isEqualTo(listed);

        assertThat(read.keySet()).containsExactlyInAnyOrder("id", "product", "version", "severity", "status",
                "openedAt", "updatedAt", "summary", "signals", "sampleContacts", "regressed", "reason",
                "rolloutHoldRequestedAt", "autoNoticeId");
        assertThat(read).containsEntry("id", alert.id().toString()).containsEntry("product", p)
                .containsEntry("version", "2.4.0").containsEntry("severity", "HIGH").containsEntry("status", "OPEN")
                .containsEntry("openedAt", "2026-03-05T12:30:00Z").containsEntry("updatedAt", "2026-03-05T12:30:00Z")
                .containsEntry("summary", alert.summary()).containsEntry("regressed", false)
                .containsEntry("reason", null).containsEntry("rolloutHoldRequestedAt", null)
                .containsEntry("autoNoticeId", null);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> signals = (List<Map<String, Object>>) read.get("signals");
        assertThat(signals).hasSize(2);
        assertThat(signals.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of("symptom", "lost note",
                "window", "PT24H", "observed", 12, "expected", 2.5f, "rateRatio", 4.8f, "score", 12.5f,
                "baseline", "OTHER_VERSIONS"));
        assertThat(signals.get(1)).containsEntry("symptom", null).containsEntry("window", "PT72H");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> quoted = (List<Map<String, Object>>) read.get("sampleContacts");
        // The three "lost note" contacts, newest first, not the printer jam; each as the customer wrote it.
        assertThat(quoted).extracting(m -> m.get("externalId")).containsExactly("s3", "s2", "s1");
        assertThat(quoted.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of("source", "hd-" + p,
                "externalId", "s3", "receivedAt", "2026-03-05T11:30:00Z", "subject", "lost notes after update"));
    }

    @Test
    void alertsAreListedNewestFirstAndFilteredByVersionProductWideAndStatus() {
        String p = uniqueProduct();
        String v240 = open(p, "2.4.0", T0);
        String wide = open(p, null, T0.plusSeconds(3600));
        String v250 = open(p, "2.5.0", T0.plusSeconds(7200));
        as(Roles.SUPPORT_LEAD).post("/api/v1/alerts/{id}/acknowledge", wide).then().statusCode(200);

        as(Roles.SUPPORT_LEAD).queryParam("product", p).get("/api/v1/alerts").then().statusCode(200)
                .body("id", contains(v250, wide, v240)).body("version", contains("2.5.0", null, "2.4.0"));
        as(Roles.SUPPORT_LEAD).queryParam("product", p).queryParam("version", "").get("/api/v1/alerts").then()
                .statusCode(200).body("id", contains(wide));
        as(Roles.SUPPORT_LEAD).queryParam("product", p).queryParam("version", "2.4.0").get("/api/v1/alerts").then()
                .statusCode(200).body("id", contains(v240));
        as(Roles.SUPPORT_LEAD).queryParam("product", p).queryParam("status", "OPEN").get("/api/v1/alerts").then()
                .statusCode(200).body("id", contains(v250, v240));
        as(Roles.SUPPORT_LEAD).queryParam("product", p).queryParam("status", "ACKNOWLEDGED").get("/api/v1/alerts")
                .then().statusCode(200).body("id", contains(wide)).body("[0].version", nullValue());
        as(Roles.SUPPORT_LEAD).queryParam("product", uniqueProduct()).get("/api/v1/alerts").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aSupportLeadAcknowledgesResolvesAndDismissesWithReasons() {
        String p = uniqueProduct();
        String a = open(p, "2.4.0", T0);
        as(Roles.SUPPORT_LEAD).post("/api/v1/alerts/{id}/acknowledge", a).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("reason", nullValue());
        as(Roles.SUPPORT_LEAD).body(Map.of("reason", "Fixed in 2.4.1")).post("/api/v1/alerts/{id}/resolve", a)
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("reason", equalTo("Fixed in 2.4.1"))
                .body("openedAt", equalTo("2026-03-05T12:30:00Z"));
        problem(as(Roles.SUPPORT_LEAD).body(Map.of("reason", "no")).post("/api/v1/alerts/{id}/dismiss", a).then(),
                409).body("type", equalTo("https://release-radar.dev/problems/conflict"))
                .body("detail", equalTo("The alert is RESOLVED; only an OPEN or ACKNOWLEDGED alert can be dismissed."));

        String b = open(p, "2.5.0", T0);
        problem(as(Roles.SUPPORT_LEAD).post("/api/v1/alerts/{id}/dismiss", b).then(), 400)
                .body("errors[0].field", equalTo("reason")).body("errors[0].message", equalTo("is required"));
        problem(as(Roles.SUPPORT_LEAD).body(Map.of("reason", " ")).post("/api/v1/alerts/{id}/dismiss", b).then(),
                400).body("errors[0].field", equalTo("reason"));
        problem(as(Roles.SUPPORT_LEAD).body(Map.of("reason", 5)).post("/api/v1/alerts/{id}/dismiss", b).then(), 400)
                .body("errors[0].message", equalTo("must be a string"));
        problem(as(Roles.SUPPORT_LEAD).body("[\"x\"]").post("/api/v1/alerts/{id}/acknowledge", b).then(), 400)
                .body("type", equalTo("https://release-radar.dev/problems/malformed-body"));
        as(Roles.ADMIN).body(Map.of("reason", "Marketing mail-out")).post("/api/v1/alerts/{id}/dismiss", b).then()
                .statusCode(200).body("status", equalTo("DISMISSED")).body("reason", equalTo("Marketing mail-out"));
        problem(as(Roles.SUPPORT_LEAD).post("/api/v1/alerts/{id}/resolve", b).then(), 409)
                .body("detail", equalTo("The alert is DISMISSED; only an OPEN or ACKNOWLEDGED alert can be resolved."));
        as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", b).then().statusCode(200)
                .body("status", equalTo("DISMISSED"));
    }

    @Test
    void unknownIdsAre404AndMalformedInputIs400() {
        problem(as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", UUID.randomUUID().toString()).then(), 404)
                .body("detail", org.hamcrest.Matchers.startsWith("No alert has id"));
        problem(as(Roles.SUPPORT_LEAD).post("/api/v1/alerts/{id}/acknowledge", UUID.randomUUID().toString()).then(),
                404);
        problem(as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", "not-a-uuid").then(), 400)
                .body("errors[0].field", equalTo("id"));
        problem(as(Roles.SUPPORT_LEAD).post("/api/v1/alerts/{id}/resolve", "1-2-3-4-5").then(), 400)
                .body("errors[0].field", equalTo("id"));
        problem(as(Roles.SUPPORT_LEAD).queryParam("status", "open").queryParam("product", "bad\tproduct")
                .get("/api/v1/alerts").then(), 400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("product", "status"));
    }

    @Test
    void onlySupportLeadsAndAdminsSeeAndChangeAlerts() {
        String p = uniqueProduct();
        String a = support.apply(p, T0, finding(p, "2.4.0", LOW, 3.5)).opened().get(0).id().toString();
        problem(RestAssured.given().get("/api/v1/alerts").then(), 401);
        problem(RestAssured.given().header("Authorization", "Bearer not-a-jwt").get("/api/v1/alerts/{id}", a).then(),
                401);
        for (String wrong : Set.of(Roles.RELEASE_MANAGER, Roles.INGEST)) {
            problem(as(wrong).get("/api/v1/alerts").then(), 403);
            problem(as(wrong).get("/api/v1/alerts/{id}", a).then(), 403);
            problem(as(wrong).post("/api/v1/alerts/{id}/acknowledge", a).then(), 403);
        }
        as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", a).then().statusCode(200).body("status", equalTo("OPEN"));
        as(Roles.ADMIN).post("/api/v1/alerts/{id}/acknowledge", a).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
    }
}

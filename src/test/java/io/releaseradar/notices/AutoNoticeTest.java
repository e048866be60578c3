package io.releaseradar.notices;

import static io.releaseradar.notices.NoticeFlowTest.NOW;
import static io.releaseradar.notices.NoticeFlowTest.id;
import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The auto-notice policy: a CRITICAL alert creates and approves one notice by itself, once however often the alert
 * is re-evaluated; customers already in touch about its symptom are left out; and afterwards the notice shows the
 * contacts it avoided. The alert goes through the real alert service, as detection's evaluations apply it.
 */
@QuarkusTest
@TestProfile(NoticeTestProfile.class)
class AutoNoticeTest {

    @Inject
    AlertTestSupport alerts;
    @Inject
    NoticeDeliveryWorker worker;

    private static void contact(InstallBase w, String customer, String externalId, Instant at) {
        Map<String, Object> c = Contacts.contact(w.product, externalId, at.toString());
        c.put("customerId", id(w, customer));
        c.put("version", "2.0");
        c.put("subject", "Lost my notes after the update");
        as(Roles.INGEST).body(c).post("/api/v1/contacts").then().statusCode(201);
    }

    @Test
    void aCriticalAlertSendsOneNoticeByItselfOnce() {
        InstallBase w = NoticeFlowTest.world();
        as(Roles.RELEASE_MANAGER).body(Map.of("autoSend", true, "minSeverity", "CRITICAL", "audience", "INSTALLED",
                        "subject", "Please wait with {product} {version}", "body", "Customers report \"{symptom}\"."
                                + "\n\nDear {name}: do not use sync until 2.1."))
                .put("/api/v1/products/{p}/notice-policy", w.product).then().statusCode(200)
                .body("minSeverity", org.hamcrest.Matchers.equalTo("CRITICAL"));
        // run-b already called about it: in touch, left out
        contact(w, "run-b", "before-1", NOW.minus(Duration.ofHours(2)));

        alerts.apply(w.product, NOW, AlertTestSupport.finding(w.product, "2.0", Severity.HIGH, 40));
        assertThat(notices(w)).as("HIGH is below the policy's CRITICAL").isEmpty();

        alerts.apply(w.product, NOW.plus(Duration.ofHours(1)),
                AlertTestSupport.finding(w.product, "2.0", Severity.CRITICAL, 80));
        alerts.apply(w.product, NOW.plus(Duration.ofHours(2)),
                AlertTestSupport.finding(w.product, "2.0", Severity.CRITICAL, 160));
        List<Map<String, Object>> notices = notices(w);
        assertThat(notices).hasSize(1);
        String id = (String) notices.get(0).get("id");
        JsonPath n = NoticeFlowTest.notice(id);
        assertThat(n.getBoolean("auto")).isTrue();
        assertThat(n.getString("status")).isEqualTo("SENDING");
        assertThat(n.getString("subject")).isEqualTo("Please wait with " + w.product + " 2.0");
        // the symptom in the customers' words, never the alert's summary (a line for support staff)
        assertThat(n.getString("body")).startsWith("Customers report \"lost note\".")
                .doesNotContain("from 12 customers").doesNotContain("4.8x");
        assertThat(n.getList("audit.actor")).containsExactly("policy", "policy");
        assertThat(n.getInt("audienceSize")).isEqualTo(1); // run-a; run-b in touch, out-e opted out, ghost-g unknown
        UUID alertId = UUID.fromString(n.getString("alertId"));
        as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alertId).then().statusCode(200)
                .body("autoNoticeId", org.hamcrest.Matchers.equalTo(id));

        worker.deliverDue();
        assertThat(NoticeFlowTest.recipients(w)).containsExactlyElementsOf(NoticeFlowTest.mails(w, "run-a"));

        // afterwards: run-a (notified) calls anyway, out-e (not notified) calls too
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        contact(w, "run-a", "after-1", later);
        contact(w, "out-e", "after-2", later);
        JsonPath avoided = as(Roles.RELEASE_MANAGER).queryParam("asOf", later.plusSeconds(60).toString())
                .get("/api/v1/notices/{id}/contacts-avoided", id).then().statusCode(200).extract().jsonPath();
        assertThat(avoided.getString("symptom")).isEqualTo("lost note");
        assertThat(avoided.getInt("notified.customers")).isEqualTo(1);
        assertThat(avoided.getInt("notified.contacted")).isEqualTo(1);
        // run-b (in touch, called before), out-e, ghost-g: of them only out-e called since
        assertThat(avoided.getInt("notNotified.customers")).isEqualTo(3);
        assertThat(avoided.getInt("notNotified.contacted")).isEqualTo(1);
    }

    private static List<Map<String, Object>> notices(InstallBase w) {
        return as(Roles.RELEASE_MANAGER).queryParam("product", w.product).get("/api/v1/notices").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void aPolicyCannotPutTheAlertsSummaryIntoCustomerText() {
        InstallBase w = NoticeFlowTest.world();
        as(Roles.RELEASE_MANAGER).body(Map.of("autoSend", true, "minSeverity", "HIGH", "audience", "ALL",
                        "subject", "About {product} {version}", "body", "We are sorry: {summary}."))
                .put("/api/v1/products/{p}/notice-policy", w.product).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("body"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("{summary}"));
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/notice-policy", w.product).then().statusCode(404);
    }

    @Test
    void aPolicyNeedsAKnownProductAndValidFields() {
        InstallBase w = NoticeFlowTest.world();
        as(Roles.RELEASE_MANAGER).body(Map.of("autoSend", true, "minSeverity", "LOW", "audience", "ALL",
                        "subject", "s", "body", "b"))
                .put("/api/v1/products/{p}/notice-policy", w.product).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("minSeverity"));
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/notice-policy", w.product).then().statusCode(404);
        as(Roles.RELEASE_MANAGER).body(Map.of("autoSend", false, "minSeverity", "HIGH", "audience", "ALL",
                        "subject", "s", "body", "b"))
                .put("/api/v1/products/{p}/notice-policy", "no-such-" + w.product).then().statusCode(404);
    }
}

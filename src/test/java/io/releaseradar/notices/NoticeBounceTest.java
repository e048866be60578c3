package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.ScriptedSmtpServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How notices take the mail server's refusals: a permanent one (550, no such mailbox) is recorded as FAILED after
 * one attempt and never tried again; a temporary one (451) is retried with back-off until the mail is taken, once.
 */
@QuarkusTest
@TestProfile(NoticeBounceTest.Profile.class)
class NoticeBounceTest {

    /** Short back-off, so the 451s are retried within the test. */
    public static class Profile extends ScriptedSmtpNoticeProfile {
        @Override
        protected Map<String, String> changes() {
            return Map.of("radar.notices.backoff-base", "200ms", "radar.notices.backoff-max", "400ms");
        }
    }

    @Inject
    NoticeDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    @Test
    void aBounceIsRecordedOnceAndATemporaryRefusalIsRetriedUntilTaken() {
        String product = Api.uniqueProduct();
        Instant now = Instant.now();
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", now.minus(Duration.ofDays(3)).toString()))
                .put("/api/v1/products/{p}/releases/{v}", product, "2.0").then().statusCode(201);
        String bounce = "bounce-" + product + "@example.com";
        String busy = "busy-" + product + "@example.com";
        String fine = "fine-" + product + "@example.com";
        List<Map<String, Object>> customers = List.of(
                Map.of("id", product + "-bounce", "email", bounce, "optedOut", false),
                Map.of("id", product + "-busy", "email", busy, "optedOut", false),
                Map.of("id", product + "-fine", "email", fine, "optedOut", false));
        as(Roles.INGEST).body(customers).post("/api/v1/customers/batch").then().statusCode(200);
        as(Roles.INGEST).body(customers.stream().map(c -> Map.of("customerId", c.get("id"), "product", product,
                "version", "2.0", "installedAt", now.minus(Duration.ofDays(2)).toString())).toList())
                .post("/api/v1/installations/batch").then().statusCode(200);
        String id = as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "version", "2.0", "audience",
                        "INSTALLED", "subject", "s", "body", "b")).post("/api/v1/notices").then().statusCode(201)
                .extract().path("id");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            worker.deliverDue();
            return "SENT".equals(NoticeFlowTest.notice(id).getString("status"));
        });

        JsonPath n = NoticeFlowTest.notice(id);
        assertThat(n.getInt("deliveries.sent")).isEqualTo(2);
        assertThat(n.getInt("deliveries.failed")).isEqualTo(1);
        assertThat(ScriptedSmtpServer.delivered()).filteredOn(a -> a.contains(product))
                .containsExactlyInAnyOrder(busy, fine);
        assertThat(ScriptedSmtpServer.tries(bounce)).isEqualTo(1);
        assertThat(ScriptedSmtpServer.tries(busy)).isEqualTo(3);
        List<List<Object>> failed = Db.rows(ds, "SELECT customer_id, reason, attempts FROM notice_delivery "
                + "WHERE notice_id = ? AND state = 'FAILED'", UUID.fromString(id));
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get(0)).isEqualTo(product + "-bounce");
        assertThat((String) failed.get(0).get(1)).startsWith("SMTP 550");
        assertThat(failed.get(0).get(2)).isEqualTo(1);

        worker.deliverDue();
        assertThat(ScriptedSmtpServer.tries(bounce)).as("never tried again").isEqualTo(1);
    }
}

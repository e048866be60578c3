package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.ScriptedSmtpServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An SMTP server that accepts the connection and never answers does not hold the notice worker: after
 * quarkus.mailer.timeout the attempt counts as failed and the delivery is retried; once the server answers again the
 * mail goes out, once.
 */
@QuarkusTest
@TestProfile(NoticeSmtpTimeoutTest.Profile.class)
class NoticeSmtpTimeoutTest {

    /** A short mailer timeout and a back-off longer than it. */
    public static class Profile extends ScriptedSmtpNoticeProfile {
        @Override
        protected Map<String, String> changes() {
            // Back-off longer than the timeout: deliverDue() sends what is due until nothing is, so with a shorter
            // one two deliveries (another test's left-over and this one) would keep each other due while it hangs.
            return Map.of("quarkus.mailer.timeout", "2s", "radar.notices.backoff-base", "5s",
                    "radar.notices.backoff-max", "5s");
        }
    }

    @Inject
    NoticeDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    /** An approved notice to one customer of a new product, at {@code address}; its id. */
    private static String approvedNoticeTo(String product, String address) {
        Instant now = Instant.now();
        new InstallBase(product).release("2.0", now.minus(Duration.ofDays(3))).save();
        as(Roles.INGEST).body(List.of(Map.of("id", product + "-c", "email", address, "optedOut", false)))
                .post("/api/v1/customers/batch").then().statusCode(200);
        new InstallBase(product).installs(product + "-c", "2.0", now.minus(Duration.ofDays(2))).save();
        String id = as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "version", "2.0", "audience",
                        "INSTALLED", "subject", "s", "body", "b")).post("/api/v1/notices").then().statusCode(201)
                .extract().path("id");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
        return id;
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheDeliveryIsRetriedUntilSent() {
        String product = Api.uniqueProduct();
        String address = "hung-" + product + "@example.com";
        String id = approvedNoticeTo(product, address);

        ScriptedSmtpServer.silent(true);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), worker::deliverDue,
                    "the worker returns although the SMTP server never answers");
        } finally {
            ScriptedSmtpServer.silent(false);
        }
        List<Object> row = Db.rows(ds, "SELECT state, attempts, reason FROM notice_delivery WHERE notice_id = ?",
                UUID.fromString(id)).get(0);
        assertThat(row.subList(0, 2)).containsExactly("PENDING", 1);
        assertThat((String) row.get(2)).startsWith("mail not sent");
        assertThat(ScriptedSmtpServer.delivered()).doesNotContain(address);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            worker.deliverDue();
            return "SENT".equals(NoticeFlowTest.notice(id).getString("status"));
        });
        assertThat(ScriptedSmtpServer.delivered()).filteredOn(address::equals).hasSize(1);
        assertThat(NoticeFlowTest.notice(id).getInt("deliveries.sent")).isEqualTo(1);
    }

    @Test
    void aStoppingApplicationWaitsForTheMailBeingHandedOverSoNoDeliveryIsLeftSending() throws Exception {
        String product = Api.uniqueProduct();
        String address = "stop-" + product + "@example.com";
        String id = approvedNoticeTo(product, address);
        String state = "SELECT state FROM notice_delivery WHERE notice_id = ?";

        ScriptedSmtpServer.silent(true);
        java.util.concurrent.CompletableFuture<Integer> run;
        try {
            run = java.util.concurrent.CompletableFuture.supplyAsync(worker::deliverDue);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "SENDING".equals(Db.rows(ds, state, UUID.fromString(id)).get(0).get(0)));
            // the mail is with SMTP now; the application stops
            assertThat(worker.gate().stop(Duration.ofSeconds(20))).as("the mail being handed over finished").isTrue();
            assertThat(Db.rows(ds, state, UUID.fromString(id)).get(0).get(0))
                    .as("not left SENDING, which would be failed and the customer never warned").isEqualTo("PENDING");
            run.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            ScriptedSmtpServer.silent(false);
            worker.gate().resume();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            worker.deliverDue();
            return "SENT".equals(NoticeFlowTest.notice(id).getString("status"));
        });
        assertThat(ScriptedSmtpServer.delivered()).filteredOn(address::equals).hasSize(1);
    }
}

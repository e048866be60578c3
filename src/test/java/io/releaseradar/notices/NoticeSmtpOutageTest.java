package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.GreenMailResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SMTP is down when a notice is approved and comes back {@link #OUTAGE} later: the worker, running every second as the
 * scheduler would, keeps retrying with back-off, and once the server is back every customer gets the mail once.
 */
@QuarkusTest
@TestProfile(NoticeSmtpOutageTest.OutageProfile.class)
class NoticeSmtpOutageTest {

    /**
     * The notice tests' application, but one of its own: restarting the SMTP server can leave the mailer a pooled
     * connection that hangs until the mailer's timeout. In this test that only delays a retry; a test class sharing the
     * application afterwards would find its first send failed and put back for later (seen in CI, in
     * {@code NoticeFlowTest}). A profile of its own makes Quarkus start a fresh application, mailer included, after
     * this class.
     */
    public static class OutageProfile extends NoticeTestProfile {
    }

    /**
     * 20 s in the suite; as a drill, e.g.
     * {@code ./mvnw test -Dtest=NoticeSmtpOutageTest -Dradar.drill.smtp-outage=PT5M}.
     */
    static final Duration OUTAGE = Duration.parse(System.getProperty("radar.drill.smtp-outage", "PT20S"));

    @Inject
    NoticeDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    @Test
    void mailsApprovedWhileSmtpIsDownArriveOnceWhenItIsBack() {
        InstallBase w = NoticeFlowTest.world();
        String id = NoticeFlowTest.create(w, "ALL");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        GreenMailResource.stopServer();
        try {
            as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
            // a worker run that throws must not end the schedule (an executor drops a task after one exception)
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    worker.deliverDue();
                } catch (RuntimeException e) {
                    org.jboss.logging.Logger.getLogger(NoticeSmtpOutageTest.class).warnf("worker run failed: %s", e);
                }
            }, 0, 1, TimeUnit.SECONDS);

            // Down for a while: nothing is sent, nothing is given up, and the worker keeps trying.
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .until(() -> NoticeFlowTest.notice(id).getInt("deliveries.pending") == 3);
            assertThat(Db.count(ds, "SELECT coalesce(sum(attempts), 0) FROM notice_delivery WHERE notice_id = ?",
                    UUID.fromString(id))).isGreaterThanOrEqualTo(3 * 3);
        } finally {
            GreenMailResource.restart();
        }
        long back = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "SENT".equals(NoticeFlowTest.notice(id).getString("status")));
        } finally {
            scheduler.shutdownNow();
        }
        assertThat(NoticeFlowTest.recipients(w)).containsExactlyElementsOf(NoticeFlowTest.mails(w, "run-a", "run-b",
                "old-c"));
        assertThat(NoticeFlowTest.notice(id).getInt("deliveries.sent")).isEqualTo(3);
        assertThat(NoticeFlowTest.notice(id).getInt("deliveries.failed")).isZero();
        System.out.printf("NoticeSmtpOutageTest: SMTP down %d s, every mail arrived once %.1f s after it was back%n",
                OUTAGE.toSeconds(), (System.nanoTime() - back) / 1e9);
    }
}

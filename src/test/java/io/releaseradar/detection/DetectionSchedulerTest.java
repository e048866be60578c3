package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas share a turn's products: a product another replica is evaluating (holds its advisory lock) is skipped and
 * the others are evaluated; a product already evaluated in the interval is not evaluated again; the next interval
 * evaluates all. An explicit evaluation waits for the lock instead.
 */
@QuarkusTest
class DetectionSchedulerTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @Inject
    DetectionScheduler scheduler;

    @Inject
    DetectionService detection;

    @Inject
    AgroalDataSource dataSource;

    private String busy;
    private String free;
    private Instant asOf;

    @BeforeEach
    void twoProductsWithContacts() {
        busy = Api.uniqueProduct();
        free = Api.uniqueProduct();
        // A period of its own, so that no other test's product is active as of this asOf: the turn counts every
        // active product. No other test writes after 2100 (the demo's are in 2041-2050), and the test database may
        // keep earlier runs' products, so the span is wide: ~80 years of hours.
        Instant t0 = Instant.parse("2100-01-01T00:00:00Z")
                .plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(24 * 30_000)));
        asOf = t0.plus(Duration.ofHours(5)).plusSeconds(10);
        for (String p : List.of(busy, free)) {
            as(Roles.INGEST).body(List.of(Contacts.contact(p, p + "-1", t0.plus(Duration.ofHours(1)).toString()),
                    Contacts.contact(p, p + "-2", t0.plus(Duration.ofHours(2)).toString())))
                    .post("/api/v1/contacts/batch").then().statusCode(200);
        }
    }

    @Test
    void aTurnSkipsTheProductAnotherReplicaEvaluatesGoesOnWithTheRestAndDoesEachOncePerInterval() throws Exception {
        try (Connection other = holdLockOf(busy)) {
            DetectionService.Turn turn = scheduler.evaluate(asOf, INTERVAL);
            assertThat(turn.evaluated()).as("the free product").isEqualTo(1);
            assertThat(turn.locked()).as("the busy product, tried twice").isEqualTo(1);
            assertThat(runs(busy)).isZero();
            assertThat(runs(free)).isEqualTo(1);
            other.rollback();
        }
        // Later in the same interval (another replica's turn): only what is still missing.
        DetectionService.Turn later = scheduler.evaluate(asOf.plusSeconds(20), INTERVAL);
        assertThat(later).extracting(DetectionService.Turn::evaluated, DetectionService.Turn::alreadyEvaluated,
                DetectionService.Turn::locked).containsExactly(1, 1, 0);
        assertThat(runs(busy)).isEqualTo(1);
        DetectionService.Turn again = scheduler.evaluate(asOf.plusSeconds(30), INTERVAL);
        assertThat(again.evaluated()).isZero();
        assertThat(again.alreadyEvaluated()).isEqualTo(2);
        // The next interval evaluates every product again.
        DetectionService.Turn next = scheduler.evaluate(asOf.plus(INTERVAL), INTERVAL);
        assertThat(next.evaluated()).isEqualTo(2);
        assertThat(runs(busy)).isEqualTo(2);
        assertThat(runs(free)).isEqualTo(2);
    }

    @Test
    void anExplicitEvaluationWaitsForTheProductsLockAndThenEvaluatesIt() throws Exception {
        CompletableFuture<DetectionService.Report> report;
        try (Connection other = holdLockOf(busy)) {
            report = CompletableFuture.supplyAsync(() -> detection.evaluate(asOf));
            await("the evaluation waiting for the advisory lock").atMost(Duration.ofSeconds(30))
                    .until(() -> Db.count(dataSource, """
                            SELECT count(*) FROM pg_stat_activity
                             WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND datname = current_database()
                            """) > 0);
            assertThat(report).isNotDone();
            other.rollback();
        }
        assertThat(report.get().asOf()).isEqualTo(asOf);
        assertThat(runs(busy)).isEqualTo(1);
        assertThat(runs(free)).isEqualTo(1);
    }

    /** Another replica's evaluation of {@code product}: a transaction holding its advisory lock. */
    private Connection holdLockOf(String product) throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, EvaluationRuns.lockKey(product));
            s.execute();
        }
        return c;
    }

    private long runs(String product) {
        return Db.count(dataSource, "SELECT count(*) FROM detection_run WHERE product = ?", product);
    }
}

package io.releaseradar.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/** Two replicas: while one evaluates (holds the advisory lock), the other's scheduled turn is skipped. */
@QuarkusTest
class DetectionSchedulerTest {

    @Inject
    DetectionScheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTurnIsSkippedWhileAnotherReplicaEvaluatesAndRunsAfterwards() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement s = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                s.setLong(1, DetectionService.EVALUATION_LOCK);
                s.execute();
            }
            assertThat(scheduler.evaluateNow()).isFalse();
            other.rollback();
        }
        assertThat(scheduler.evaluateNow()).isTrue();
    }
}

package io.releaseradar.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the Kafka consumer must not skip is retried with back-off until it succeeds (a dead letter while the broker
 * cannot take it, a batch while the database is down), and given up only when the service stops.
 */
class PersistentlyTest {

    private final List<Long> waits = new ArrayList<>();

    /** An action that fails its first {@code failures} calls. */
    private static Runnable failingFirst(int failures, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("Could not send to support-contacts-dlq",
                        new org.apache.kafka.common.errors.TimeoutException("broker away"));
            }
        };
    }

    @Test
    void anActionThatFailsIsRetriedWithDoublingWaitsUntilItSucceeds() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        Persistently.run("Sending a record", failingFirst(3, calls), () -> false, waits::add);
        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(250L, 500L, 1000L);
    }

    @Test
    void theWaitStopsGrowingAtThirtySeconds() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        Persistently.run("Sending a record", failingFirst(10, calls), () -> false, waits::add);
        assertThat(calls).hasValue(11);
        assertThat(waits).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    }

    @Test
    void anActionThatSucceedsRunsOnceWithoutWaiting() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        Persistently.run("Storing contacts", failingFirst(0, calls), () -> false, waits::add);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void onceTheServiceStopsTheFailureIsRethrownInsteadOfRetried() {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean stopping = new AtomicBoolean();
        Persistently.Sleeper stopDuringTheSecondWait = millis -> {
            waits.add(millis);
            if (waits.size() == 2) {
                stopping.set(true);
            }
        };
        assertThatThrownBy(() -> Persistently.run("Sending a record", failingFirst(100, calls), stopping::get,
                stopDuringTheSecondWait)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("support-contacts-dlq");
        assertThat(calls).hasValue(3);
        assertThat(waits).containsExactly(250L, 500L);
    }
}

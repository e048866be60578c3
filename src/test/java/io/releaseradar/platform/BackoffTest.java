package io.releaseradar.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void theWaitDoublesAfterEachFailure() {
        assertEquals(Duration.ofSeconds(30), backoff.after(1));
        assertEquals(Duration.ofSeconds(60), backoff.after(2));
        assertEquals(Duration.ofSeconds(120), backoff.after(3));
        assertEquals(Duration.ofSeconds(240), backoff.after(4));
    }

    @Test
    void theWaitStopsAtTheCapEvenAfterVeryManyFailures() {
        assertEquals(Duration.ofMinutes(5), backoff.after(5));
        assertEquals(Duration.ofMinutes(5), backoff.after(6));
        assertEquals(Duration.ofMinutes(5), backoff.after(Integer.MAX_VALUE));
    }

    @Test
    void aBaseOfZeroRetriesAtOnce() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ofMinutes(1)).after(10));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> backoff.after(0));
    }
}

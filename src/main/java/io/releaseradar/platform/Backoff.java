package io.releaseradar.platform;

import java.time.Duration;

/**
 * Exponential back-off between delivery attempts (alert notifications, notices): {@code base} after the first failure, doubled after each further
 * one, never more than {@code max}. No jitter: each row keeps its own schedule, and rows of one receiver were
 * written at different times anyway.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 <= base <= max, got " + base + " and " + max);
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        Duration delay = base;
        // Doubling stops at max, so neither the loop nor the arithmetic can overflow.
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * How long a receiver may stay away before a row with {@code maxAttempts} attempts is given up: the waits
     * between its first and its last attempt.
     */
    public Duration patience(int maxAttempts) {
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < maxAttempts; failures++) {
            total = total.plus(after(failures));
        }
        return total;
    }
}

package io.releaseradar.notices.delivery;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spreads sends evenly at a rate: each caller waits for the next free slot, slots {@code 1/rate} apart. A sender
 * that falls behind (a slow SMTP answer) does not burst afterwards to catch up: an idle stretch earns no credit.
 */
final class Pacer {

    private final long interval;
    private final LongSupplier nanoTime;
    private final LongConsumer parkNanos;
    private long nextSlot;

    Pacer(double perSecond, LongSupplier nanoTime, LongConsumer parkNanos) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be above 0, got " + perSecond);
        }
        this.interval = (long) (1_000_000_000L / perSecond);
        this.nanoTime = nanoTime;
        this.parkNanos = parkNanos;
        this.nextSlot = nanoTime.getAsLong();
    }

    /** Waits until the caller may send one. */
    synchronized void acquire() {
        long now = nanoTime.getAsLong();
        long wait = nextSlot - now;
        if (wait > 0) {
            parkNanos.accept(wait);
        }
        nextSlot = Math.max(now, nextSlot) + interval;
    }
}

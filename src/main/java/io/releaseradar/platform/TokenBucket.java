package io.releaseradar.platform;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled continuously at {@code perSecond}; each item takes one.
 * A batch larger than the bucket is let through when the bucket is full and leaves it in debt (below zero), which
 * later calls wait out, so the average stays {@code perSecond} items however they are batched. Plain logic on a
 * nanosecond clock the caller passes, so it is tested without waiting.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** {@link #tryTake(long, int)} of one token. */
    public long tryTake(long nowNanos) {
        return tryTake(nowNanos, 1);
    }

    /**
     * Takes {@code n} tokens if the bucket covers them; a batch larger than the bucket needs a full bucket.
     *
     * @return 0 when taken; else the nanoseconds until it would be covered (nothing taken)
     */
    public synchronized long tryTake(long nowNanos, int n) {
        long wait = waitFor(nowNanos, n);
        if (wait == 0) {
            tokens -= n;
        }
        return wait;
    }

    /** The nanoseconds until {@code n} tokens would be covered (0: now), taking nothing. */
    public synchronized long waitFor(long nowNanos, int n) {
        refill(nowNanos);
        double needed = Math.min(n, capacity);
        return tokens >= needed ? 0 : (long) Math.ceil((needed - tokens) / perNano);
    }

    /** Whether the bucket is full at {@code nowNanos}: a client idle this long can be forgotten. */
    public synchronized boolean isFull(long nowNanos) {
        return tokens + Math.max(0, nowNanos - last) * perNano >= capacity;
    }

    private void refill(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
            last = nowNanos;
        }
    }
}

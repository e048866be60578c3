package io.releaseradar.platform;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled continuously at {@code perSecond}; each call takes one.
 * Plain logic on a nanosecond clock the caller passes, so it is tested without waiting.
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

    /**
     * Takes a token if there is one.
     *
     * @return 0 when taken; else the nanoseconds until the next token (nothing taken)
     */
    public synchronized long tryTake(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full at {@code nowNanos}: a client idle this long can be forgotten. */
    public synchronized boolean isFull(long nowNanos) {
        return tokens + Math.max(0, nowNanos - last) * perNano >= capacity;
    }
}

package io.releaseradar.platform;

/** 429: the client made more calls than its rate limit allows; {@link ProblemMapper} adds {@code Retry-After}. */
public class TooManyRequests extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyRequests(long retryAfterSeconds) {
        super(429, ProblemTypes.RATE_LIMITED, "Too Many Requests", "This client sent more items than "
                + "its rate limit allows; nothing was stored. Retry after " + retryAfterSeconds + " s.", null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

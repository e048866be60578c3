package io.releaseradar.platform;

/** The problem {@code type} URIs this service answers with; documented in the README. */
public final class ProblemTypes {

    private static final String BASE = "https://release-radar.dev/problems/";

    /** Some fields of the request are invalid; see {@code errors}. */
    public static final String VALIDATION = BASE + "validation";
    /** The body is not JSON of the expected shape. */
    public static final String MALFORMED = BASE + "malformed-body";
    /** The body or a batch is larger than allowed. */
    public static final String TOO_LARGE = BASE + "too-large";
    /** The request does not fit the current state of the resource, e.g. resolving a dismissed alert. */
    public static final String CONFLICT = BASE + "conflict";

    /** The client called more often than its rate limit allows; retry after {@code Retry-After} seconds. */
    public static final String RATE_LIMITED = BASE + "rate-limited";

    private ProblemTypes() {
    }
}

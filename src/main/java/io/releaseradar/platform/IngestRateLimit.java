package io.releaseradar.platform;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Limits each client of the ingestion endpoints (by the token's principal: upn, else preferred_username, else sub)
 * to {@code radar.ingest.rate-limit.per-second} calls, with bursts up to {@code burst}. A call over the limit is
 * answered 429 with {@code Retry-After} before its body is read, so nothing is stored. Per instance.
 */
@ApplicationScoped
public class IngestRateLimit {

    /** Idle clients whose bucket is full are forgotten once this many clients are known. */
    private static final int FORGET_ABOVE = 10_000;

    private final IngestRateLimitConfig config;
    private final SecurityIdentity identity;
    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanos = System::nanoTime;

    IngestRateLimit(IngestRateLimitConfig config, SecurityIdentity identity) {
        this.config = config;
        this.identity = identity;
    }

    /** Takes one call from the current client's allowance; throws the 429 problem when there is none. */
    public void acquire() {
        acquire(identity.isAnonymous() ? "" : identity.getPrincipal().getName());
    }

    /** The same for callers without a token (helpdesk intake), named by the caller, e.g. {@code intake:zendesk}. */
    public void acquire(String client) {
        if (!config.enabled()) {
            return;
        }
        long now = nanos.getAsLong();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        long wait = buckets.computeIfAbsent(client, c -> new TokenBucket(config.perSecond(), config.burst(), now))
                .tryTake(now);
        if (wait > 0) {
            throw new TooManyRequests(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
        }
    }
}

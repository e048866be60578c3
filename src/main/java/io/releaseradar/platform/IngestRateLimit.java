package io.releaseradar.platform;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Limits each client of the ingestion endpoints (by the token's principal: upn, else preferred_username, else sub)
 * to {@code radar.ingest.rate-limit.per-second} items (contacts, customers, installations), with bursts up to
 * {@code burst} items: a batch of 500 takes 500 tokens, so batching does not multiply the allowance. A client with
 * no token left is answered 429 with {@code Retry-After} before its body is read; a batch the bucket cannot cover
 * is answered 429 once it is counted, and nothing of it is stored. A batch larger than the burst passes when the
 * bucket is full and leaves it in debt ({@link TokenBucket}). Per instance.
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

    /** Takes one item (a single contact) from the current client's allowance; throws the 429 problem if none. */
    public void acquire() {
        acquire(1);
    }

    /** Before a batch's body is read: throws the 429 problem when the client has not even one item left. */
    public void check() {
        if (config.enabled()) {
            long now = nanos.getAsLong();
            refuseAfter(bucket(currentClient(), now).waitFor(now, 1));
        }
    }

    /** Takes {@code items} (at least one: the call) from the current client's allowance, or throws the 429. */
    public void acquire(int items) {
        take(currentClient(), items);
    }

    /** One item for a caller without a token (helpdesk intake), named by the caller, e.g. {@code intake:zendesk}. */
    public void acquire(String client) {
        take(client, 1);
    }

    private void take(String client, int items) {
        if (config.enabled()) {
            long now = nanos.getAsLong();
            refuseAfter(bucket(client, now).tryTake(now, Math.max(1, items)));
        }
    }

    private String currentClient() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    private TokenBucket bucket(String client, long now) {
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new TokenBucket(config.perSecond(), config.burst(), now));
    }

    private static void refuseAfter(long waitNanos) {
        if (waitNanos > 0) {
            throw new TooManyRequests(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }
}

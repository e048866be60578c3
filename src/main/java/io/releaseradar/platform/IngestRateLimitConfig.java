package io.releaseradar.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-client rate limit of the ingestion endpoints, counted in items: each contact, customer and installation takes
 * one token, so a batch of 500 takes 500. Per instance: with N replicas a client can send up to N times as many.
 */
@ConfigMapping(prefix = "radar.ingest.rate-limit")
public interface IngestRateLimitConfig {

    /** Whether ingestion is limited at all ({@code false}: off). */
    @WithDefault("true")
    boolean enabled();

    /** Items per second each client (token subject) may send on average, however it batches them. */
    @WithDefault("2000")
    double perSecond();

    /**
     * Items a client may send at once after being idle: the bucket's size. A batch larger than this passes only when
     * the bucket is full, and the client then waits until the bucket has refilled past its debt.
     */
    @WithDefault("20000")
    int burst();
}

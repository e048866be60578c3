package io.releaseradar.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-client rate limit of the ingestion endpoints (contacts, customers and installations). Per instance: with N
 * replicas a client can make up to N times as many calls.
 */
@ConfigMapping(prefix = "radar.ingest.rate-limit")
public interface IngestRateLimitConfig {

    /** Whether ingestion calls are limited at all ({@code false}: off). */
    @WithDefault("true")
    boolean enabled();

    /** Calls per second each client (token subject) may make on average, whatever the batch size. */
    @WithDefault("100")
    double perSecond();

    /** Calls a client may make at once after being idle: the bucket's size. */
    @WithDefault("500")
    int burst();
}

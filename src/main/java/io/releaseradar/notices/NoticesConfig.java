package io.releaseradar.notices;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of customer notices. Mail goes out through the standard {@code quarkus.mailer.*} settings. */
@ConfigMapping(prefix = "radar.notices")
public interface NoticesConfig {

    /** How often the delivery worker sends what is due, e.g. {@code 5s}; {@code off} stops the scheduled runs. */
    @WithDefault("5s")
    String workerInterval();

    /** Deliveries one worker leases at a time. */
    @WithDefault("50")
    int batchSize();

    /** Mails one replica sends per second at most (SMTP relays throttle; so do receivers' spam filters). */
    @WithDefault("50")
    double maxPerSecond();

    /** Attempts at a mail before it is given up as FAILED; a permanent SMTP rejection gives up at once. */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; it doubles with each further failure. */
    @WithDefault("30s")
    Duration backoffBase();

    /** Longest wait between two attempts. */
    @WithDefault("15m")
    Duration backoffMax();

    /**
     * How long a worker holds leased deliveries, and a mail it is handing to SMTP. A mail still being handed over
     * when this runs out belongs to a worker that died mid-send: it is failed, never sent a second time.
     */
    @WithDefault("5m")
    Duration lease();

    /** A customer gets at most one notice per product within this span, unless the notice is CRITICAL; 0 = no cap. */
    @WithDefault("24h")
    Duration frequencyCap();

    /** Leave out customers who already contacted support about the alert's symptom on the version (in touch). */
    @WithDefault("true")
    boolean suppressInTouch();

    /** Public base URL of the service, for the unsubscribe links in notice e-mails. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /**
     * Key that signs unsubscribe links (HMAC-SHA256), at least 32 characters; from the environment
     * ({@code RADAR_NOTICES_UNSUBSCRIBE_SECRET}). Changing it makes the links in mails already sent invalid.
     */
    String unsubscribeSecret();
}

package io.releaseradar.alerts.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of alert notifications: subscriber e-mails and webhooks, the Kafka feed of alert changes, and rollout
 * hold requests. The feed runs exactly when a broker is configured ({@code kafka.bootstrap.servers}); mail goes out
 * through the standard {@code quarkus.mailer.*} settings.
 */
@ConfigMapping(prefix = "radar.alerts")
public interface AlertNotifyConfig {

    /** Kafka topic every alert change is published on (key = product, value = the Alert JSON). */
    @WithDefault("release-alerts")
    String topic();

    /** How often the delivery worker sends what is due, e.g. {@code 5s}; {@code off} stops the scheduled runs. */
    @WithDefault("5s")
    String workerInterval();

    /** Outbox rows one worker claims, locks and sends per transaction. */
    @WithDefault("10")
    int batchSize();

    /** Attempts at an e-mail or webhook before it is given up as FAILED (the Kafka feed retries until it is taken). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; it doubles with each further failure. */
    @WithDefault("30s")
    Duration backoffBase();

    /** Longest wait between two attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /**
     * How long a webhook receiver may take to accept the connection, and then to answer: a call ends after twice this
     * at most, even when the answer's body stalls.
     */
    @WithDefault("10s")
    Duration webhookTimeout();

    /**
     * Webhook receivers (and the rollout-hold URL) that may be called over plain http or at a loopback, private,
     * link-local or other internal address: host names, IP addresses or CIDR ranges, comma-separated. Unset: none,
     * every receiver must be https to a public address.
     */
    Optional<List<String>> webhookAllowedHosts();

    /**
     * Certificate authorities webhook receivers' certificates may chain to besides the JVM's default ones, e.g. a
     * company's private CA for internal receivers: a PEM file of certificates, or a PKCS12 file (with the password
     * below). Unset: the JVM's default authorities only. An unreadable file stops the start.
     */
    Optional<String> webhookTrustStore();

    /** Password of a PKCS12 {@code webhook-trust-store}; set it from the environment. Unused for PEM. */
    Optional<String> webhookTrustStorePassword();

    /** Put in front of the subject of every alert e-mail. */
    @WithDefault("[Release Radar]")
    String mailSubjectPrefix();

    /** Base URL of the dashboard, for the alert links in e-mails and webhook texts. */
    @WithDefault("http://localhost:8080")
    String dashboardUrl();

    /** Asking the release tooling to pause the rollout of a version a CRITICAL alert is about. */
    RolloutHold rolloutHold();

    /** Rollout hold requests; off unless a URL is set. */
    interface RolloutHold {

        /**
         * Release tooling endpoint that gets a signed POST asking to pause the rollout of a version when an alert
         * about it opens as, or rises to, CRITICAL; unset: no hold is ever requested. Read when sending, so a
         * request queued before it was unset fails instead of going out later. The receiver rules of subscriber
         * webhooks hold for it: the service does not start with a URL they refuse, nor without a secret.
         */
        Optional<String> url();

        /**
         * HMAC-SHA256 key of the {@code X-Radar-Signature} and {@code webhook-signature} headers of hold requests;
         * required when the URL is set. Set it from the environment ({@code RADAR_ALERTS_ROLLOUT_HOLD_SECRET}), never
         * in a committed file.
         */
        Optional<String> secret();
    }
}

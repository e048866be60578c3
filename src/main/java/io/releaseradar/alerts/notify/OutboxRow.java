package io.releaseradar.alerts.notify;

import io.releaseradar.detection.core.Severity;
import java.util.UUID;

/**
 * A claimed outbox row with what the worker needs to send it: for EMAIL and WEBHOOK the subscription's current
 * address and secret ({@code subscribed} false when it was deleted since).
 *
 * @param deliveryId sent along so receivers can drop a repeat
 * @param attempts attempts made before this one
 * @param payload the Alert JSON as of the change; for ROLLOUT_HOLD the hold request as it is sent
 */
record OutboxRow(long id, UUID deliveryId, Channel channel, UUID alertId, String product, Severity severity,
        String change, String subscriptionId, String payload, int attempts, boolean subscribed, String email,
        String webhookUrl, String webhookSecret) {

    /** How a row is sent. */
    enum Channel {
        EMAIL, WEBHOOK, KAFKA,
        /** A request to pause the alert's version's rollout, to the configured release tooling URL. */
        ROLLOUT_HOLD
    }
}

package io.releaseradar.alerts.notify;

import io.releaseradar.detection.core.Severity;
import java.util.UUID;

/**
 * A claimed outbox row with what the worker needs to send it: for EMAIL and WEBHOOK the subscription's current
 * address, secret and receiver kind ({@code subscribed} false when it was deleted since).
 *
 * @param deliveryId sent along so receivers can drop a repeat
 * @param change the alert's change: OPENED or UPDATED (a rise), or for a PagerDuty subscriber RESOLVED or DISMISSED
 * @param attempts attempts made before this one
 * @param payload the Alert JSON as of the change; for ROLLOUT_HOLD the hold request as it is sent
 * @param kind what listens at {@code webhookUrl} (WEBHOOK for rows of no subscription)
 * @param routingKey the PagerDuty integration key of a pagerduty subscription
 */
record OutboxRow(long id, UUID deliveryId, Channel channel, UUID alertId, String product, Severity severity,
        String change, String subscriptionId, String payload, int attempts, boolean subscribed, String email,
        String webhookUrl, String webhookSecret, ReceiverKind kind, String routingKey) {

    /** A row that tells a PagerDuty subscriber the alert it was paged for is over. */
    boolean closes() {
        return AlertOutbox.CLOSING_CHANGES.contains(change);
    }

    /** How a row is sent. */
    enum Channel {
        EMAIL, WEBHOOK, KAFKA,
        /** A request to pause the alert's version's rollout, to the configured release tooling URL. */
        ROLLOUT_HOLD
    }
}

package io.releaseradar.alerts.notify;

import io.releaseradar.detection.core.Severity;

/**
 * A support lead's wish to hear of alerts: of one product (or every product when {@code product} is null) from
 * {@code minSeverity} up, by e-mail and/or webhook. Holds the webhook secret and PagerDuty routing key, so it stays
 * inside this package; the API shows {@link SubscriptionView}.
 *
 * @param kind what listens at {@code webhookUrl}
 * @param routingKey PagerDuty's integration key; set exactly for kind PAGERDUTY
 */
record Subscription(String id, String product, Severity minSeverity, String email, String webhookUrl,
        String webhookSecret, ReceiverKind kind, String routingKey) {

    SubscriptionView view() {
        return new SubscriptionView(id, product, minSeverity, email, webhookUrl, null, webhookSecret != null,
                kind.wire(), null);
    }
}

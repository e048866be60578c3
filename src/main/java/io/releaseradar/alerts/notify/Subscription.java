package io.releaseradar.alerts.notify;

import io.releaseradar.detection.core.Severity;

/**
 * A support lead's wish to hear of alerts: of one product (or every product when {@code product} is null) from
 * {@code minSeverity} up, by e-mail and/or webhook. Holds the webhook secret, so it stays inside this package; the
 * API shows {@link SubscriptionView}.
 */
record Subscription(String id, String product, Severity minSeverity, String email, String webhookUrl,
        String webhookSecret) {

    SubscriptionView view() {
        return new SubscriptionView(id, product, minSeverity, email, webhookUrl, null, webhookSecret != null);
    }
}

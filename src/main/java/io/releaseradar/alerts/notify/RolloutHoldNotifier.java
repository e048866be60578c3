package io.releaseradar.alerts.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Sends a queued rollout hold request: the stored request JSON, byte for byte, POSTed to
 * {@code radar.alerts.rollout-hold.url} as it is configured now, always signed with
 * {@code radar.alerts.rollout-hold.secret} (a URL without it stops the start, see {@link ReceiverStartupCheck}),
 * through the subscribers' webhook client (same receiver rules, timeout, headers and answer classification).
 */
@ApplicationScoped
class RolloutHoldNotifier {

    /** The {@code X-Radar-Event} of a hold request. */
    static final String EVENT = "rollout.pause-requested";

    private final WebhookNotifier webhook;
    private final AlertNotifyConfig config;

    RolloutHoldNotifier(WebhookNotifier webhook, AlertNotifyConfig config) {
        this.webhook = webhook;
        this.config = config;
    }

    void send(OutboxRow row) throws DeliveryFailure {
        // A pause asked for hours later, once the URL is set again, could stop a rollout nobody is worried about.
        String url = config.rolloutHold().url().orElseThrow(() -> DeliveryFailure.permanent(
                "radar.alerts.rollout-hold.url is no longer set"));
        String secret = config.rolloutHold().secret().orElseThrow(() -> DeliveryFailure.permanent(
                "radar.alerts.rollout-hold.secret is not set: hold requests are never sent unsigned"));
        webhook.post(url, row.payload().getBytes(StandardCharsets.UTF_8), secret, row.deliveryId(), EVENT);
    }
}

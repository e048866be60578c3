package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.alerts.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * POSTs the Alert JSON to a subscription's webhook, with a Slack-compatible {@code text} line added (so a Slack or
 * Mattermost incoming webhook shows it as is). Headers: {@code X-Radar-Signature} and the Standard Webhooks
 * {@code webhook-signature} (when the subscription has a secret), {@code X-Radar-Delivery} and {@code webhook-id}
 * (the same for every attempt at one delivery, so receivers can drop a repeat), {@code webhook-timestamp} (of the
 * attempt, so receivers can refuse an old one replayed) and {@code X-Radar-Event}. Sent through
 * {@link CheckedWebhookClient}, to allowed receivers only. A 2xx answer is success; 408, 429, 5xx, timeouts and
 * connection failures are retried; any other answer (redirects are not followed) fails the delivery at once.
 */
@ApplicationScoped
class WebhookNotifier {

    static final String DELIVERY_HEADER = "X-Radar-Delivery";
    static final String EVENT_HEADER = "X-Radar-Event";

    private final ObjectMapper json;
    private final AlertNotifyConfig config;
    private final CheckedWebhookClient client;
    private final InstantSource clock;
    private final ReceiverPayloads receivers;

    WebhookNotifier(ObjectMapper json, AlertNotifyConfig config, CheckedWebhookClient client, InstantSource clock,
            ReceiverPayloads receivers) {
        this.json = json;
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.receivers = receivers;
    }

    void send(OutboxRow row) throws DeliveryFailure {
        if (row.webhookUrl() == null) {
            throw DeliveryFailure.permanent("the subscription has no webhook any more");
        }
        // Slack, Teams and PagerDuty get their own body, through the same call as any webhook.
        byte[] body = row.kind() == ReceiverKind.WEBHOOK && !row.closes() ? body(row) : receivers.body(row);
        post(row.webhookUrl(), body, row.webhookSecret(), row.deliveryId(), ReceiverPayloads.event(row.change()));
    }

    /**
     * POSTs {@code body} as JSON to {@code url} with the delivery, event and (when {@code secret} is not null)
     * signature headers; returns on a 2xx answer and throws the failure, temporary or permanent, otherwise. Also
     * used for rollout hold requests, which go to a configured URL instead of a subscription's.
     */
    void post(String url, byte[] body, String secret, UUID deliveryId, String event) throws DeliveryFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "release-radar");
        headers.put(DELIVERY_HEADER, deliveryId.toString());
        headers.put(EVENT_HEADER, event);
        // Standard Webhooks: the outbox row's delivery id, so every retry of it carries the same webhook-id.
        String id = deliveryId.toString();
        long timestamp = clock.instant().getEpochSecond();
        headers.put(StandardWebhookSignature.ID_HEADER, id);
        headers.put(StandardWebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (secret != null) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
            headers.put(StandardWebhookSignature.SIGNATURE_HEADER,
                    StandardWebhookSignature.sign(secret, id, timestamp, body));
        }
        int status = client.post(url, headers, body);
        if (status >= 200 && status < 300) {
            return;
        }
        // The status and our own words only: the receiver's answer is never read, logged or stored.
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryFailure.temporary("webhook answered " + status + ", will retry");
        }
        throw DeliveryFailure.permanent("webhook answered " + status
                + (status >= 300 && status < 400 ? ", redirects are not followed" : ", refused, not retried"));
    }

    /** The Alert JSON with a {@code text} line; the same bytes on every attempt, so X-Radar-Signature is too. */
    private byte[] body(OutboxRow row) throws DeliveryFailure {
        try {
            JsonNode node = json.readTree(row.payload());
            if (!(node instanceof ObjectNode alert)) {
                throw DeliveryFailure.permanent("the stored Alert JSON is not an object");
            }
            AlertView view = json.treeToValue(alert, AlertView.class);
            alert.put("text", text(view, "OPENED".equals(row.change()), row.alertId()));
            return json.writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("the stored Alert JSON cannot be read: " + e.getOriginalMessage());
        }
    }

    private String text(AlertView alert, boolean opened, UUID id) {
        String version = alert.version() == null ? "all versions" : alert.version();
        // Slack's link syntax; other receivers read it as plain text.
        return (opened ? "New alert" : "Severity raised") + ": *" + alert.severity() + "* " + alert.product() + " "
                + version + " - " + alert.summary() + " <" + AlertLinks.of(config, id) + "|Open in Release Radar>";
    }
}

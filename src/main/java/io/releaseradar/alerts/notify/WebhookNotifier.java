package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.alerts.AlertView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs the Alert JSON to a subscription's webhook, with a Slack-compatible {@code text} line added (so a Slack or
 * Mattermost incoming webhook shows it as is). Headers: {@code X-Radar-Signature} (when the subscription has a
 * secret), {@code X-Radar-Delivery} (the same for every attempt at one delivery, so receivers can drop a repeat)
 * and {@code X-Radar-Event}. A 2xx answer is success; 408, 429, 5xx, timeouts and connection failures are retried;
 * any other answer (redirects are not followed) fails the delivery at once.
 */
@ApplicationScoped
class WebhookNotifier {

    static final String DELIVERY_HEADER = "X-Radar-Delivery";
    static final String EVENT_HEADER = "X-Radar-Event";
    private static final int MAX_ANSWER = 1024;

    private final ObjectMapper json;
    private final AlertNotifyConfig config;
    private final ReceiverPayloads receivers;
    private final HttpClient http;

    WebhookNotifier(ObjectMapper json, AlertNotifyConfig config, ReceiverPayloads receivers) {
        this.json = json;
        this.config = config;
        this.receivers = receivers;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.webhookTimeout())
                // A redirect would send the signed alert somewhere the support lead did not name.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("invalid webhook URL: " + e.getMessage());
        }
        request.timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "release-radar")
                .header(DELIVERY_HEADER, deliveryId.toString())
                .header(EVENT_HEADER, event)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
        }
        int status;
        String answer;
        // Only the start of an error answer, for last_error (a receiver's error page can be large), and the whole
        // call within a deadline: the request timeout stops at the status line, not at a body that stalls.
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request.build(),
                WebhookAnswer.handler(MAX_ANSWER));
        Duration deadline = config.webhookTimeout().multipliedBy(2); // to accept the connection, then to answer
        try {
            HttpResponse<String> response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            status = response.statusCode();
            answer = response.body();
        } catch (ExecutionException e) {
            throw DeliveryFailure.temporary("webhook not reached: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw DeliveryFailure.temporary("webhook not reached: no complete answer, timed out after " + deadline,
                    e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw DeliveryFailure.temporary("interrupted while calling the webhook", e);
        }
        if (status >= 200 && status < 300) {
            return;
        }
        String error = "webhook answered " + status + excerpt(answer);
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryFailure.temporary(error);
        }
        throw DeliveryFailure.permanent(error);
    }

    /** The Alert JSON with a {@code text} line; the same bytes on every attempt, so the signature is too. */
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

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}

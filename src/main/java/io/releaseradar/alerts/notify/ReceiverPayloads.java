package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.alerts.AlertView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The body of a call to a Slack, Teams or PagerDuty subscriber, built from the row's stored Alert JSON when it is
 * sent (so that an erased customer's quote is not sent after all), the same bytes on every attempt. The call itself
 * goes through {@link WebhookNotifier}, like a generic webhook's.
 */
@ApplicationScoped
class ReceiverPayloads {

    private final ObjectMapper json;
    private final AlertNotifyConfig config;

    ReceiverPayloads(ObjectMapper json, AlertNotifyConfig config) {
        this.json = json;
        this.config = config;
    }

    /** The {@code X-Radar-Event} of a row: what happened to the alert. */
    static String event(String change) {
        return switch (change) {
            case "OPENED" -> "alert.opened";
            case "RESOLVED" -> "alert.resolved";
            case "DISMISSED" -> "alert.dismissed";
            default -> "alert.severity-raised";
        };
    }

    byte[] body(OutboxRow row) throws DeliveryFailure {
        if (row.closes() && row.kind() != ReceiverKind.PAGERDUTY) {
            // Queued for a PagerDuty subscription that has become another kind since: nothing left to resolve.
            throw DeliveryFailure.permanent("the subscription is no longer a pagerduty receiver; only PagerDuty "
                    + "is told of resolved and dismissed alerts");
        }
        AlertView alert = alert(row);
        AlertMessage words = AlertMessage.of(alert, row.change(), AlertLinks.of(config, row.alertId()));
        JsonNode body = switch (row.kind()) {
            case SLACK -> SlackMessage.of(words);
            case TEAMS -> TeamsCard.of(words);
            case PAGERDUTY -> {
                if (row.routingKey() == null) {
                    throw DeliveryFailure.permanent("the subscription has no PagerDuty routing key");
                }
                yield row.closes() ? PagerDutyEvent.resolve(json, alert, row.routingKey())
                        : PagerDutyEvent.trigger(json, alert, words, row.routingKey());
            }
            case WEBHOOK -> throw new IllegalArgumentException("a generic webhook gets the Alert JSON");
        };
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the body for alert " + row.alertId(), e);
        }
    }

    private AlertView alert(OutboxRow row) throws DeliveryFailure {
        try {
            return json.readValue(row.payload(), AlertView.class);
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("the stored Alert JSON cannot be read: " + e.getOriginalMessage());
        }
    }
}

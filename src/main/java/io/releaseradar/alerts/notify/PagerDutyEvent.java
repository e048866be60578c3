package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;

/**
 * An alert change as a PagerDuty Events API v2 alert event (developer.pagerduty.com, "Send an Alert Event"): an
 * alert opening or rising is a {@code trigger}, its resolution or dismissal a {@code resolve}, both with
 * {@code dedup_key} = the alert id, so a rise updates the incident the opening made and the resolve closes it. A
 * trigger's payload has the required {@code summary} (at most 1024 characters), {@code source} and {@code severity},
 * and the signals in {@code custom_details}.
 */
final class PagerDutyEvent {

    static final int SUMMARY_MAX = 1024;
    /** Shown in PagerDuty as the monitoring tool that sent the event. */
    static final String CLIENT = "Release Radar";

    private PagerDutyEvent() {
    }

    /** The trigger event for an alert that opened or rose. */
    static ObjectNode trigger(ObjectMapper json, AlertView alert, AlertMessage words, String routingKey) {
        ObjectNode event = head(json, alert, routingKey, "trigger");
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", AlertMessage.clip("[" + alert.severity() + "] " + words.release() + ": "
                + alert.summary(), SUMMARY_MAX));
        payload.put("source", words.release());
        payload.put("severity", severity(alert.severity()));
        if (alert.updatedAt() != null) {
            payload.put("timestamp", alert.updatedAt().toString());
        }
        payload.put("component", alert.product());
        payload.put("class", "release regression");
        ObjectNode details = payload.putObject("custom_details");
        details.set("signals", json.valueToTree(alert.signals()));
        ArrayNode inWords = details.putArray("signals in words");
        words.signals().forEach(s -> inWords.add(s.line()));
        ArrayNode quotes = details.putArray("customers write");
        words.quotes().forEach(quotes::add);
        event.put("client", CLIENT).put("client_url", words.link());
        event.putArray("links").addObject().put("href", words.link()).put("text", "Open the alert in Release Radar");
        return event;
    }

    /** The resolve event for an alert that was resolved or dismissed: PagerDuty needs no payload for it. */
    static ObjectNode resolve(ObjectMapper json, AlertView alert, String routingKey) {
        return head(json, alert, routingKey, "resolve");
    }

    private static ObjectNode head(ObjectMapper json, AlertView alert, String routingKey, String action) {
        return json.createObjectNode().put("routing_key", routingKey).put("event_action", action)
                .put("dedup_key", alert.id().toString());
    }

    /** The contract's mapping onto PagerDuty's four severities. */
    static String severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }
}

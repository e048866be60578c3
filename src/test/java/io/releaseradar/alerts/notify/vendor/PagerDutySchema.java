package io.releaseradar.alerts.notify.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * A PagerDuty Events API v2 alert event as PagerDuty documents it (PagerDuty/developer-docs, events-API-v2 "Send an
 * Alert Event" and "Overview"): {@code routing_key} the 32-character integration key; {@code event_action} one of
 * trigger, acknowledge, resolve; {@code dedup_key} at most 255 characters (needed to acknowledge or resolve); a
 * trigger's {@code payload} with the required {@code summary} (at most 1024 characters), {@code source} and
 * {@code severity} (critical, error, warning, info), optional ISO 8601 {@code timestamp}, {@code component},
 * {@code group}, {@code class}, {@code custom_details} (an object); {@code links} with a required {@code href};
 * at most 512 KB.
 */
public final class PagerDutySchema extends SchemaCheck {

    static final int MAX_BYTES = 512 * 1024;
    private static final DateTimeFormatter BASIC_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

    private PagerDutySchema() {
    }

    /** Every violation; empty when PagerDuty would answer 202. */
    public static List<String> check(JsonNode event, byte[] raw) {
        PagerDutySchema check = new PagerDutySchema();
        if (raw.length > MAX_BYTES) {
            check.fail("$", "is " + raw.length + " bytes, more than the 512 KB an event may have");
        }
        check.event(event);
        return check.violations();
    }

    private void event(JsonNode event) {
        if (!object(event, "$", Set.of("routing_key", "event_action", "dedup_key", "payload", "images", "links",
                "client", "client_url"))) {
            return;
        }
        string(event, "routing_key", "$", 32, 32);
        oneOf(event, "event_action", "$", true, Set.of("trigger", "acknowledge", "resolve"));
        String action = event.path("event_action").asText();
        if (action.equals("trigger")) {
            optionalString(event, "dedup_key", "$", 1, 255);
            payload(event.get("payload"));
        } else {
            string(event, "dedup_key", "$", 1, 255);
        }
        optionalString(event, "client", "$", 1, Integer.MAX_VALUE);
        if (event.has("client_url")) {
            url(event, "client_url", "$", 2048);
        }
        JsonNode links = array(event, "links", "$", 0, 1000);
        for (int i = 0; links != null && i < links.size(); i++) {
            String path = "$.links[" + i + "]";
            if (object(links.get(i), path, Set.of("href", "text"))) {
                url(links.get(i), "href", path, 2048);
                optionalString(links.get(i), "text", path, 0, Integer.MAX_VALUE);
            }
        }
    }

    private void payload(JsonNode payload) {
        if (!object(payload, "$.payload", Set.of("summary", "source", "severity", "timestamp", "component",
                "group", "class", "custom_details"))) {
            return;
        }
        string(payload, "summary", "$.payload", 1, 1024);
        string(payload, "source", "$.payload", 1, Integer.MAX_VALUE);
        oneOf(payload, "severity", "$.payload", true, Set.of("critical", "error", "warning", "info"));
        for (String field : List.of("component", "group", "class")) {
            optionalString(payload, field, "$.payload", 0, Integer.MAX_VALUE);
        }
        if (payload.has("custom_details") && !payload.get("custom_details").isObject()) {
            fail("$.payload.custom_details", "must be an object");
        }
        JsonNode timestamp = payload.get("timestamp");
        if (timestamp != null) {
            try {
                OffsetDateTime.parse(timestamp.asText());
            } catch (DateTimeParseException e) {
                try {
                    // The form of PagerDuty's own example, 2015-07-17T08:42:58.315+0000.
                    OffsetDateTime.parse(timestamp.asText(), BASIC_OFFSET);
                } catch (DateTimeParseException again) {
                    fail("$.payload.timestamp", "must be an ISO 8601 timestamp, is " + timestamp);
                }
            }
        }
    }
}

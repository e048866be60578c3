package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.JsonItem;
import java.util.regex.Pattern;

/**
 * What a subscription PUT must say for its receiver kind: {@code kind} itself (default webhook), the PagerDuty
 * routing key (required for pagerduty, refused for the others) and a URL for Slack and Teams. The URL itself is
 * checked as every webhook URL is, by {@link SubscriptionRequest}; a pagerduty subscription without one gets
 * {@link ReceiverKind#PAGERDUTY_EVENTS_URL}.
 */
final class ReceiverRules {

    /** PagerDuty: "the 32 character Integration Key"; Events API v2 answers 400 to any other length. */
    private static final Pattern ROUTING_KEY = Pattern.compile("\\p{Graph}{32}");

    private ReceiverRules() {
    }

    /** The kind, webhook when absent; null (and an error) when it is none of the four. */
    static ReceiverKind kind(JsonItem item) {
        String text = item.string("kind", false, 20);
        if (text == null) {
            return ReceiverKind.WEBHOOK;
        }
        return ReceiverKind.fromWire(text).orElseGet(() -> {
            item.fail("kind", "must be one of " + ReceiverKind.NAMES);
            return null;
        });
    }

    /** The routing key of a pagerduty subscription; an error when a pagerduty one lacks it or another has one. */
    static String routingKey(JsonItem item, JsonNode node, ReceiverKind kind) {
        String key = item.string("routingKey", false, 64);
        if (kind != ReceiverKind.PAGERDUTY) {
            if (node.hasNonNull("routingKey") && kind != null) {
                item.fail("routingKey", "is only for kind pagerduty");
            }
            return null;
        }
        if (!node.hasNonNull("routingKey")) {
            item.fail("routingKey", "is required for kind pagerduty: the integration key of an Events API v2 "
                    + "integration on a PagerDuty service");
        } else if (key != null && !ROUTING_KEY.matcher(key).matches()) {
            item.fail("routingKey", "must be the 32-character integration key of a PagerDuty Events API v2 "
                    + "integration");
        }
        return key;
    }

    /**
     * Whether calls have somewhere to go: a webhookUrl was sent, or the kind is pagerduty (which has a default).
     * Slack and Teams name no default, so for them a missing URL is an error.
     */
    static boolean hasUrl(JsonItem item, JsonNode node, ReceiverKind kind) {
        if (node.hasNonNull("webhookUrl")) {
            return true;
        }
        if (kind == ReceiverKind.SLACK) {
            item.fail("webhookUrl", "is required for kind slack: the incoming-webhook URL Slack made for the "
                    + "channel");
        } else if (kind == ReceiverKind.TEAMS) {
            item.fail("webhookUrl", "is required for kind teams: the URL of the Teams workflow's \"When a Teams "
                    + "webhook request is received\" trigger");
        }
        return kind == ReceiverKind.PAGERDUTY;
    }

    /** The URL to store: the one sent, else PagerDuty's Events API v2 endpoint for pagerduty. */
    static String url(String webhookUrl, ReceiverKind kind) {
        return webhookUrl == null && kind == ReceiverKind.PAGERDUTY ? ReceiverKind.PAGERDUTY_EVENTS_URL : webhookUrl;
    }
}

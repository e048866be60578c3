package io.releaseradar.alerts.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What listens at a subscription's {@code webhookUrl}, which decides the body of each call: the Alert JSON for a
 * generic webhook, a Slack message, a Teams Adaptive Card, or a PagerDuty Events API v2 event. Every kind goes
 * through the same outbox, URL rules, sending path and retries.
 */
enum ReceiverKind {
    WEBHOOK, SLACK, TEAMS, PAGERDUTY;

    /** PagerDuty's Events API v2 endpoint, a pagerduty subscription's URL unless it names another. */
    static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
    /** The contract's spelling of every kind, for messages. */
    static final String NAMES = "webhook, slack, teams, pagerduty";

    /** As the API and the database spell it: lower case. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ReceiverKind> fromWire(String text) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(text)).findFirst();
    }
}

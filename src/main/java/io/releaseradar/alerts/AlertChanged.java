package io.releaseradar.alerts;

import io.releaseradar.detection.core.Severity;

/**
 * Fired synchronously inside the transaction that changed an alert, so that observers (subscriber notifications,
 * the Kafka feed) write their outbox rows in the same transaction.
 *
 * @param alert the alert after the change
 * @param change what happened
 * @param previousSeverity the severity before the change, null when the alert was just opened
 */
public record AlertChanged(AlertView alert, Change change, Severity previousSeverity) {

    /** What happened to the alert. */
    public enum Change {
        OPENED, UPDATED, ACKNOWLEDGED, RESOLVED, DISMISSED
    }

    /** Opened, or its severity rose: subscribers hear of it. */
    public boolean notifiesSubscribers() {
        return change == Change.OPENED
                || (change == Change.UPDATED && previousSeverity != null
                        && alert.severity().compareTo(previousSeverity) > 0);
    }
}

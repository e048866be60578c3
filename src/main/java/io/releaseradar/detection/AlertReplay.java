package io.releaseradar.detection;

import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import java.time.Instant;

/**
 * What a finding does to the alert of its (product, version) in a backtest, which keeps its alerts in memory and
 * never closes one: the alerts feature's lifecycle, provided by alerts (which owns it), so that a backtest decides as
 * live evaluation does while detection never imports alerts.
 */
public interface AlertReplay {

    /** What to do. */
    enum Action {
        /** Nothing changes. */
        NONE,
        /** Open an alert. */
        OPEN,
        /** Update the open alert with the finding. */
        UPDATE
    }

    /** An open alert's severity and evidence score (the strongest so far). */
    record Open(Severity severity, double score) {
    }

    /** The action and the alert after it (for NONE, as it was; null when there is none). */
    record Decision(Action action, Open alert) {
    }

    /** The decision for {@code finding}, from an evaluation as of {@code asOf}, given the key's open alert or null. */
    Decision decide(Open open, Finding finding, Instant asOf);
}

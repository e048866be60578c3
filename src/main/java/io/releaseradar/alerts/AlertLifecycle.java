package io.releaseradar.alerts;

import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a new finding does to the alerts of its (product, version): the state machine behind "one open alert per
 * (product, version)". Plain Java, no CDI, no clock: live evaluation and backtests decide the same way.
 *
 * <ul>
 * <li>No alert yet: open one.</li>
 * <li>An active (OPEN or ACKNOWLEDGED) alert: update it only when the finding is stronger, by score or severity;
 * its severity never goes down. The same finding again changes nothing.</li>
 * <li>Latest DISMISSED: the same evidence stays dismissed; a new alert opens only on clearly stronger evidence
 * (score at least {@code dismissedReopenFactor} times the dismissed score, or a higher severity).</li>
 * <li>Latest RESOLVED: the symptom has returned once a signal's whole window lies after the resolution; a new alert
 * opens, marked regressed. Evidence that still reaches back before the resolution is what was resolved, so it does
 * not reopen (otherwise the next hourly run would undo every resolve).</li>
 * </ul>
 */
public final class AlertLifecycle {

    /** The factor the service ships with: a dismissed alert comes back only on twice the evidence. */
    public static final double DEFAULT_DISMISSED_REOPEN_FACTOR = 2.0;

    private final double dismissedReopenFactor;

    /** @param dismissedReopenFactor how many times the dismissed score new evidence needs to open again (≥ 1) */
    public AlertLifecycle(double dismissedReopenFactor) {
        if (!(dismissedReopenFactor >= 1)) {
            throw new IllegalArgumentException("dismissedReopenFactor must be at least 1: " + dismissedReopenFactor);
        }
        this.dismissedReopenFactor = dismissedReopenFactor;
    }

    /** With {@link #DEFAULT_DISMISSED_REOPEN_FACTOR}. */
    public static AlertLifecycle defaults() {
        return new AlertLifecycle(DEFAULT_DISMISSED_REOPEN_FACTOR);
    }

    /** What to do. */
    public enum Action {
        /** Nothing changes. */
        NONE,
        /** Open a new alert. */
        OPEN,
        /** Open a new alert, marked regressed: an earlier one of the same key was resolved. */
        OPEN_REGRESSED,
        /** Update the active alert with the finding. */
        UPDATE
    }

    /**
     * The latest alert of a (product, version): the active one if any, else the most recently opened.
     *
     * @param closedAt when it was resolved or dismissed; null while active (or when unknown: then it counts as long
     *     ago)
     */
    public record Latest(AlertView.Status status, Severity severity, double score, Instant closedAt) {

        public Latest {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(severity, "severity");
        }

        /** An alert state without a close time, e.g. in a backtest. */
        public Latest(AlertView.Status status, Severity severity, double score) {
            this(status, severity, score, null);
        }
    }

    /**
     * The decision and, for OPEN and UPDATE, the alert's resulting severity and score (the strongest so far).
     *
     * @param severity the alert's severity after the change; for NONE the current one (null when there is none)
     * @param score the alert's evidence score after the change; for NONE the current one (0 when there is none)
     */
    public record Decision(Action action, Severity severity, double score) {

        public boolean changes() {
            return action != Action.NONE;
        }
    }

    /**
     * Decides what {@code finding}, from an evaluation as of {@code asOf}, does given the key's {@code latest} alert
     * (null when the key never had one).
     */
    public Decision decide(Latest latest, Finding finding, Instant asOf) {
        Objects.requireNonNull(finding, "finding");
        if (latest == null) {
            return new Decision(Action.OPEN, finding.severity(), finding.score());
        }
        boolean higherSeverity = finding.severity().compareTo(latest.severity()) > 0;
        switch (latest.status()) {
            case OPEN, ACKNOWLEDGED -> {
                if (finding.score() > latest.score() || higherSeverity) {
                    return new Decision(Action.UPDATE, max(latest.severity(), finding.severity()),
                            Math.max(latest.score(), finding.score()));
                }
                return none(latest);
            }
            case DISMISSED -> {
                if (higherSeverity || finding.score() >= dismissedReopenFactor * latest.score()) {
                    return new Decision(Action.OPEN, finding.severity(), finding.score());
                }
                return none(latest);
            }
            case RESOLVED -> {
                if (evidenceAfter(finding, latest.closedAt(), asOf)) {
                    return new Decision(Action.OPEN_REGRESSED, finding.severity(), finding.score());
                }
                return none(latest);
            }
            default -> throw new IllegalStateException("unknown status " + latest.status());
        }
    }

    /**
     * The manual transitions a support lead may make: acknowledge an open alert; resolve or dismiss an active one.
     * Moving to the status the alert already has is allowed (and changes nothing), so a retried call succeeds.
     */
    public static boolean canMove(AlertView.Status from, AlertView.Status to) {
        if (from == to) {
            return true;
        }
        return switch (to) {
            case ACKNOWLEDGED, RESOLVED, DISMISSED -> from.active();
            case OPEN -> false;
        };
    }

    // The evaluator's windows end at the last complete hour before asOf; a signal counts as new evidence when its
    // whole window starts at or after the resolution.
    private static boolean evidenceAfter(Finding finding, Instant closedAt, Instant asOf) {
        if (closedAt == null) {
            return true;
        }
        Objects.requireNonNull(asOf, "asOf");
        Instant end = asOf.truncatedTo(ChronoUnit.HOURS);
        for (Signal s : finding.signals()) {
            if (!end.minus(s.window()).isBefore(closedAt)) {
                return true;
            }
        }
        return false;
    }

    private static Decision none(Latest latest) {
        return new Decision(Action.NONE, latest.severity(), latest.score());
    }

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

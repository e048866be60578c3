package io.releaseradar.dashboard;

import io.releaseradar.detection.core.UnattendedReplay;
import io.releaseradar.detection.core.PlaceboEstimate;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.Audience;
import io.releaseradar.notices.AutoSendCheck;
import java.util.List;
import java.util.Locale;

/**
 * A product's false-alert estimate as the notice-policy form and the backtest page show it: the latest check's
 * state, the rate against the budget, and what auto-send would have sent from each severity to the given audience.
 *
 * @param state NONE (no check with the current settings on this replica), RUNNING, DONE, FAILED or NO_DATA
 */
public record CalibrationView(String product, String state, String startedAt, String finishedAt, String from,
        String to, int evaluations, String rate, String budget, String upper, String versionWeeks, int falseAlerts,
        int confirmedAlerts, boolean over, boolean shown, List<SendRow> sends, List<Alert> unconfirmed,
        String error) {

    /** What a policy from {@code severity} would have sent; {@code policy}: the product's policy's severity. */
    public record SendRow(String severity, boolean policy, int notices, String customers, int falseNotices,
            String falseCustomers) {
    }

    /** A replayed alert the product's record does not confirm. */
    public record Alert(String version, String openedAt, String severity, String summary) {
    }

    static CalibrationView none(String product, double budget) {
        return new CalibrationView(product, "NONE", null, null, null, null, 0, null, number(budget), null, null, 0, 0,
                false, false, List.of(), List.of(), null);
    }

    static CalibrationView of(AutoSendCheck.Check c, double budget, Severity policySeverity, Audience audience) {
        PlaceboEstimate e = c.estimate();
        if (e == null) {
            return new CalibrationView(c.product(), c.state().name(), Numbers.instant(c.startedAt()),
                    Numbers.instant(c.finishedAt()), null, null, 0, null, number(budget), null, null, 0, 0, false,
                    false, List.of(), List.of(), c.error());
        }
        List<SendRow> sends = List.of(Severity.HIGH, Severity.CRITICAL).stream().map(s -> {
            PlaceboEstimate.Sent sent = c.wouldSend(s, audience);
            return new SendRow(s.name(), s == policySeverity, sent.notices(), Numbers.count(sent.customers()),
                    sent.falseNotices(), Numbers.count(sent.falseCustomers()));
        }).toList();
        List<Alert> unconfirmed = e.unconfirmed().stream().map(CalibrationView::alert).toList();
        return new CalibrationView(c.product(), c.state().name(), Numbers.instant(c.startedAt()),
                Numbers.instant(c.finishedAt()), Numbers.instant(c.from()), Numbers.instant(c.to()), c.evaluations(),
                number(e.perHundredVersionWeeks()), number(e.budget()), Double.isInfinite(e.upperBound()) ? "—"
                        : number(e.upperBound()), String.format(Locale.ROOT, "%.1f", e.versionWeeks()),
                e.unconfirmed().size(), e.confirmed().size(), e.overBudget(), e.shownWithinBudget(), sends,
                unconfirmed, null);
    }

    private static Alert alert(UnattendedReplay.ReplayedAlert a) {
        return new Alert(a.version(), Numbers.instant(a.openedAt()), a.severity().name(), a.summary());
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }
}

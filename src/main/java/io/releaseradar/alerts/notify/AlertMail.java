package io.releaseradar.alerts.notify;

import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What an alert e-mail shows: the data of the templates {@code alert-notify/alert.html} and {@code alert.txt}.
 *
 * @param raised true when the alert was open already and its severity rose
 * @param link the alert in the dashboard
 * @param subscriptionId the subscription that sent it, so readers know which one to change
 */
public record AlertMail(AlertView alert, boolean raised, String link, String subscriptionId) {

    /** One line of evidence, formatted for reading. */
    public record SignalLine(String symptom, String window, long observed, String expected, String rateRatio) {
    }

    /** The version, or "all versions" for a product-wide alert. */
    public String versionLabel() {
        return alert.version() == null ? "all versions" : alert.version();
    }

    /** At most five signals, in the alert's order (strongest first). */
    public List<SignalLine> signals() {
        return alert.signals() == null ? List.of() : alert.signals().stream().limit(5).map(AlertMail::line).toList();
    }

    /** At most three sample contacts. */
    public List<AlertView.SampleContact> samples() {
        return alert.sampleContacts() == null ? List.of() : alert.sampleContacts().stream().limit(3).toList();
    }

    private static SignalLine line(Signal s) {
        return new SignalLine(s.symptom() == null ? "all contacts" : s.symptom(), window(s.window()), s.observed(),
                String.format(Locale.ROOT, "%.1f", s.expected()), String.format(Locale.ROOT, "%.1f", s.rateRatio()));
    }

    private static String window(Duration window) {
        if (window == null) {
            return "";
        }
        return window.toHours() % 24 == 0 && window.toDays() > 1 ? window.toDays() + " days"
                : window.toHours() + " h";
    }
}

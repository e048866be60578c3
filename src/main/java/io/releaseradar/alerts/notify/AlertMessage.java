package io.releaseradar.alerts.notify;

import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import io.releaseradar.detection.core.Symptoms;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a chat message about an alert says, in words, before Slack or Teams lay it out: which release, how severe,
 * the summary line, the strongest signals, what customers wrote, and where to read more.
 *
 * @param headline e.g. {@code HIGH alert: notes 3.3.0}
 * @param change what happened, e.g. {@code New alert}
 * @param release product and version, e.g. {@code notes 3.3.0} ({@code notes (all versions)} when product-wide)
 * @param signals the strongest signals, at most {@link #MAX_SIGNALS}
 * @param quotes subjects of sample contacts, verbatim, at most {@link #MAX_QUOTES}
 * @param link the alert's page on the dashboard
 */
record AlertMessage(String headline, String change, Severity severity, String release, String summary,
        List<SignalWords> signals, List<String> quotes, String link) {

    static final int MAX_SIGNALS = 3;
    static final int MAX_QUOTES = 2;
    /** A quoted subject is cut here: a quote is an example, not the ticket. */
    private static final int MAX_QUOTE = 300;

    /**
     * One signal in words, e.g. what {@code “notes vanished”} and detail
     * {@code 42 customers in 24 h, 5.1× the other versions}.
     */
    record SignalWords(String what, String detail) {
        String line() {
            return what + ": " + detail;
        }
    }

    static AlertMessage of(AlertView alert, String change, String link) {
        String release = alert.product() + " " + (alert.version() == null ? "(all versions)" : alert.version());
        String headline = switch (change) {
            case "OPENED" -> alert.severity() + " alert: " + release;
            case "UPDATED" -> "Raised to " + alert.severity() + ": " + release;
            case "RESOLVED" -> "Resolved: " + release;
            case "DISMISSED" -> "Dismissed: " + release;
            default -> alert.severity() + " alert changed: " + release;
        };
        String happened = switch (change) {
            case "OPENED" -> "New alert";
            case "UPDATED" -> "Severity raised";
            case "RESOLVED" -> "Resolved";
            case "DISMISSED" -> "Dismissed";
            default -> "Changed";
        };
        List<SignalWords> signals = alert.signals() == null ? List.of()
                : alert.signals().stream().limit(MAX_SIGNALS).map(AlertMessage::words).toList();
        // An erased customer's quote keeps its reference but loses its subject: nothing to quote then.
        List<String> quotes = alert.sampleContacts() == null ? List.of() : alert.sampleContacts().stream()
                .map(AlertView.SampleContact::subject).filter(Objects::nonNull)
                .map(s -> clip(s.strip().replaceAll("\\s+", " "), MAX_QUOTE)).filter(s -> !s.isEmpty()).distinct()
                .limit(MAX_QUOTES).toList();
        return new AlertMessage(headline, happened, alert.severity(), release, alert.summary(), signals, quotes,
                link);
    }

    static SignalWords words(Signal s) {
        String what;
        if (Symptoms.display(s.symptom()) == null) {
            what = "All contacts";
        } else if (Symptoms.isCategory(s.symptom())) {
            String name = s.symptom().substring(Symptoms.CATEGORY_PREFIX.length()).replace('-', ' ');
            what = (name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1))
                    + " (helpdesk category)";
        } else {
            what = "“" + s.symptom() + "”";
        }
        String customers = s.observed() + (s.observed() == 1 ? " customer" : " customers");
        String compared = switch (s.baseline()) {
            case OTHER_VERSIONS -> "the other versions";
            case PREDECESSOR_SAME_AGE -> "the previous version at the same age";
            case CUSUM_SINCE_RELEASE -> "the other versions' daily rate, summed since release";
            case PRODUCT_HISTORY -> "the week before";
        };
        String detail = customers + " in " + window(s.window()) + ", "
                + (Double.isFinite(s.rateRatio()) && s.rateRatio() > 0
                        ? String.format(Locale.ROOT, "%.1f× %s", s.rateRatio(), compared)
                        : String.format(Locale.ROOT, "%.1f expected from %s", s.expected(), compared));
        return new SignalWords(what, detail);
    }

    static String window(Duration window) {
        if (window == null) {
            return "the window";
        }
        long hours = window.toHours();
        if (hours == 0) {
            return window.toMinutes() + " min";
        }
        return hours % 24 == 0 && hours >= 48 ? hours / 24 + " days" : hours + " h";
    }

    /** At most {@code max} UTF-16 units (so at most as many characters), ending in "…" when cut. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // do not split a character in two
        }
        return text.substring(0, end) + "…";
    }
}

package io.releaseradar.detection.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Severity from the evidence: its strength (score), the share of the version's installs affected, and whether the
 * symptom is one of the configured critical phrases.
 */
final class SeverityRule {

    private SeverityRule() {
    }

    static Severity of(double score, double shareAffected, boolean critical) {
        Severity s = score >= 10 ? Severity.HIGH : score >= 5 ? Severity.MEDIUM : Severity.LOW;
        if (shareAffected >= 0.02 && s.compareTo(Severity.HIGH) < 0) {
            s = Severity.values()[s.ordinal() + 1];
        }
        if (critical) {
            s = s.atLeast(Severity.MEDIUM) ? Severity.CRITICAL : Severity.HIGH;
        }
        return s;
    }

    /**
     * True when every word of some critical phrase occurs in the symptom key (a phrase or a category name), so that
     * "lost data" matches the phrase "lost data file" and the category "data-lost".
     */
    static boolean isCritical(String symptomKey, List<String> criticalPhrases) {
        if (symptomKey == null || symptomKey.isEmpty()) {
            return false;
        }
        List<String> words = words(symptomKey);
        for (String phrase : criticalPhrases) {
            List<String> need = words(phrase);
            if (!need.isEmpty() && words.containsAll(need)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String s) {
        String plain = s.startsWith("category:") ? s.substring("category:".length()) : s;
        return Arrays.stream(plain.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).map(SeverityRule::stem).toList();
    }

    /** The same light normalisation as phrase extraction: plural to singular, doubled letters collapsed. */
    private static String stem(String w) {
        String s = w.replaceAll("(\\p{L})\\1+", "$1");
        if (s.length() > 3 && s.endsWith("ies")) {
            return s.substring(0, s.length() - 3) + "y";
        }
        if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }
}

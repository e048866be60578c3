package io.releaseradar.detection.core;

import java.util.Arrays;
import java.util.List;

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

    /** The words of a phrase or category after the same normalisation as phrase extraction (stop words out). */
    private static List<String> words(String s) {
        String plain = s.startsWith(Symptoms.CATEGORY_PREFIX) ? s.substring(Symptoms.CATEGORY_PREFIX.length()) : s;
        String normalised = PhraseExtractor.normalisePhrase(plain.replace('-', ' '));
        return normalised.isEmpty() ? List.of() : Arrays.asList(normalised.split(" "));
    }
}

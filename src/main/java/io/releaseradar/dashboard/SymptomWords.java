package io.releaseradar.dashboard;

import io.releaseradar.detection.core.Symptoms;

/**
 * A symptom key as the pages say it: a helpdesk category by its name ({@code Sync (helpdesk category)}, not
 * {@code category:sync}), a key phrase in quotes ({@code “lost note”}), all contacts as such.
 */
final class SymptomWords {

    private SymptomWords() {
    }

    /** @param key a symptom key; null or empty: all contacts */
    static String of(String key) {
        if (Symptoms.display(key) == null) {
            return "all contacts";
        }
        if (Symptoms.isCategory(key)) {
            String name = Symptoms.categoryWords(key);
            return name.isEmpty() ? "(unnamed helpdesk category)"
                    : Character.toUpperCase(name.charAt(0)) + name.substring(1) + " (helpdesk category)";
        }
        return "“" + key + "”";
    }
}

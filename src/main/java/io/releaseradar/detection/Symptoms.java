package io.releaseradar.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The symptom keys a contact counts under in the rollups. Plain Java. {@value #ALL} is every contact;
 * {@code category:<name>} is the helpdesk category, normalised so that "Sync Issues" and "sync-issues" are one.
 */
public final class Symptoms {

    /** The symptom key of "all contacts". */
    public static final String ALL = "";
    /** The version key of contacts whose version could not be resolved. */
    public static final String UNKNOWN_VERSION = "";

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    private Symptoms() {
    }

    public static List<String> of(String category) {
        List<String> keys = new ArrayList<>(2);
        keys.add(ALL);
        String normalised = normaliseCategory(category);
        if (!normalised.isEmpty()) {
            keys.add("category:" + normalised);
        }
        return keys;
    }

    /** Lower case, runs of anything but letters and digits become one '-', at most 80 characters. */
    public static String normaliseCategory(String category) {
        if (category == null) {
            return "";
        }
        String s = SEPARATORS.matcher(category.toLowerCase(Locale.ROOT)).replaceAll("-");
        int start = s.startsWith("-") ? 1 : 0;
        int end = s.endsWith("-") && s.length() > start ? s.length() - 1 : s.length();
        s = s.substring(start, Math.max(start, end));
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}

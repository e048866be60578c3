package io.releaseradar.detection.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the phrases of one complaint into one theme: spelling variants ("notes vaished", "note vanished") and
 * sub-phrases ("vanished", "notes vanished after") of the same words. An alert names a theme once, by its strongest
 * phrase, and lists the other spellings, instead of four near-identical signals. Categories are never merged.
 *
 * <p>Two phrases are variants when, after dropping a plural 's', one's words are a contiguous run of the other's, or
 * they have the same number of words and each pair of words is within one edit (two for words of eight letters or
 * more; words of four letters or fewer must match: "sync" is not "async"). A phrase joins the first theme whose name it is a variant of
 * (no chaining through other members, so one everyday word cannot pull unrelated complaints together). Pure and
 * deterministic: the first phrase of a theme, in the order given (strongest first), names it.
 */
public final class Themes {

    /** One theme: the phrase that names it and the other phrases of it, in the order given. */
    public record Theme(String name, List<String> variants) {
    }

    private Themes() {
    }

    /** The themes of the given symptom keys, in order of their first key; categories and ALL stay alone. */
    public static List<Theme> group(List<String> keys) {
        Map<String, List<String>> themes = new LinkedHashMap<>();
        for (String k : keys) {
            String home = null;
            if (!Symptoms.isCategory(k) && !Symptoms.ALL.equals(k)) {
                for (String name : themes.keySet()) {
                    if (!Symptoms.isCategory(name) && !Symptoms.ALL.equals(name)
                            && variants(name, k)) {
                        home = name;
                        break;
                    }
                }
            }
            if (home == null) {
                themes.put(k, new ArrayList<>(List.of(k)));
            } else if (!themes.get(home).contains(k)) {
                themes.get(home).add(k);
            }
        }
        List<Theme> out = new ArrayList<>();
        themes.forEach((name, members) -> out.add(new Theme(name, List.copyOf(members.subList(1, members.size())))));
        return out;
    }

    /** Whether two phrases are spellings or parts of the same complaint. */
    static boolean variants(String a, String b) {
        String[] x = words(a), y = words(b);
        if (x.length == 0 || y.length == 0) {
            return false;
        }
        if (x.length != y.length) {
            return x.length < y.length ? contiguous(x, y) : contiguous(y, x);
        }
        for (int i = 0; i < x.length; i++) {
            if (!close(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] words(String phrase) {
        String[] w = phrase.strip().split("\\s+");
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i].length() > 3 && w[i].endsWith("s") ? w[i].substring(0, w[i].length() - 1) : w[i];
        }
        return phrase.isBlank() ? new String[0] : w;
    }

    private static boolean contiguous(String[] part, String[] whole) {
        for (int start = 0; start + part.length <= whole.length; start++) {
            boolean all = true;
            for (int i = 0; i < part.length && all; i++) {
                all = close(part[i], whole[start + i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean close(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (Math.min(a.length(), b.length()) <= 4) {
            return false;
        }
        int allowed = Math.min(a.length(), b.length()) >= 8 ? 2 : 1;
        return Math.abs(a.length() - b.length()) <= allowed && editDistance(a, b) <= allowed;
    }

    /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

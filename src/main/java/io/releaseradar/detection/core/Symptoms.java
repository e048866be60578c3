package io.releaseradar.detection.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The symptom keys a contact counts under in the rollups. Plain Java, immutable, safe to share.
 *
 * <ul>
 *   <li>{@value #ALL} (empty): every contact;</li>
 *   <li>{@code category:<name>}: the helpdesk category, normalised so that "Sync Issues" and "sync-issues" are one,
 *       after the category aliases (renames) are applied;</li>
 *   <li>a key phrase of subject and body as plain text, e.g. {@code lost note} (see {@link PhraseExtractor});
 *       phrases contain no ':', so they never look like a category.</li>
 * </ul>
 *
 * <p>Category aliases map a normalised name to the one it counts under, so that a helpdesk renaming its tags does
 * not start a "new" symptom: {@code sync-problems → sync-issues}. Both sides are normalised, chains are followed
 * ({@code a → b → c} counts {@code a} as {@code c}), and a cycle is refused.
 */
public final class Symptoms {

    /** The symptom key of "all contacts". */
    public static final String ALL = "";
    /** The version key of contacts whose version could not be resolved. */
    public static final String UNKNOWN_VERSION = "";
    /** What category keys start with. */
    public static final String CATEGORY_PREFIX = "category:";
    /** Longest normalised category name. */
    public static final int MAX_CATEGORY_LENGTH = 80;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Symptoms DEFAULTS = new Symptoms(PhraseExtractor.DEFAULT_MAX_PHRASES, Map.of());

    private final PhraseExtractor phrases;
    private final Map<String, String> aliases;

    /**
     * @param maxPhrases most key phrases per contact (see {@link PhraseExtractor})
     * @param categoryAliases category name → the name it counts under; names in any spelling, normalised here
     * @throws IllegalArgumentException for a cycle, or a name that normalises to nothing
     */
    public Symptoms(int maxPhrases, Map<String, String> categoryAliases) {
        this.phrases = new PhraseExtractor(maxPhrases);
        this.aliases = resolve(categoryAliases);
    }

    /** No aliases, the default cap. */
    public static Symptoms defaults() {
        return DEFAULTS;
    }

    /**
     * Every symptom key of one contact, distinct: {@value #ALL} first, then the category key if there is a
     * category, then the key phrases.
     */
    public List<String> of(String category, String subject, String body) {
        List<String> phraseKeys = phrases.phrases(subject, body);
        List<String> keys = new ArrayList<>(2 + phraseKeys.size());
        keys.add(ALL);
        String name = categoryName(category);
        if (!name.isEmpty()) {
            keys.add(CATEGORY_PREFIX + name);
        }
        keys.addAll(phraseKeys);
        return keys;
    }

    /** The category name a contact's category counts under: normalised, then aliased; empty for none. */
    public String categoryName(String category) {
        String name = normaliseCategory(category);
        return aliases.getOrDefault(name, name);
    }

    /**
     * A stored symptom key as it counts today: category keys stored before an alias was configured map to the
     * alias's target, everything else is itself. For readers that merge rollup history across a rename.
     */
    public String canonicalKey(String key) {
        if (key == null || !key.startsWith(CATEGORY_PREFIX)) {
            return key;
        }
        String name = key.substring(CATEGORY_PREFIX.length());
        String target = aliases.get(name);
        return target == null ? key : CATEGORY_PREFIX + target;
    }

    /** The resolved alias map (normalised names, chains followed). */
    public Map<String, String> categoryAliases() {
        return aliases;
    }

    /** A configured phrase in the form of the phrase keys (see {@link PhraseExtractor#normalisePhrase}). */
    public static String normalisePhrase(String phrase) {
        return PhraseExtractor.normalisePhrase(phrase);
    }

    /** How a key is shown (the Signal's {@code symptom}): null for {@linkplain #ALL all contacts}, else the key. */
    public static String display(String key) {
        return key == null || ALL.equals(key) ? null : key;
    }

    /** Whether a key is a helpdesk category (as opposed to all contacts or a phrase). */
    public static boolean isCategory(String key) {
        return key != null && key.startsWith(CATEGORY_PREFIX);
    }

    /**
     * A category key's name in words, for people: {@code category:sync-issues} is {@code sync issues} (the name as
     * normalised, its dashes as spaces); null when the key is not a category.
     */
    public static String categoryWords(String key) {
        return isCategory(key) ? key.substring(CATEGORY_PREFIX.length()).replace('-', ' ').strip() : null;
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
        return s.length() > MAX_CATEGORY_LENGTH ? s.substring(0, MAX_CATEGORY_LENGTH) : s;
    }

    private static Map<String, String> resolve(Map<String, String> configured) {
        Map<String, String> direct = new HashMap<>();
        configured.forEach((from, to) -> {
            String f = normaliseCategory(from);
            String t = normaliseCategory(to);
            if (f.isEmpty() || t.isEmpty()) {
                throw new IllegalArgumentException("category alias " + from + " -> " + to
                        + ": both names need a letter or digit");
            }
            if (f.equals(t)) {
                return; // a spelling of the same name: nothing to alias
            }
            String earlier = direct.put(f, t);
            if (earlier != null && !earlier.equals(t)) {
                // two spellings of one name configured with different targets
                throw new IllegalArgumentException("category alias " + f + " has two targets: " + earlier
                        + " and " + t);
            }
        });
        Map<String, String> resolved = new HashMap<>();
        for (String from : direct.keySet()) {
            String to = from;
            for (int steps = 0; direct.containsKey(to); steps++) {
                if (steps > direct.size()) {
                    throw new IllegalArgumentException("category aliases form a cycle through " + from);
                }
                to = direct.get(to);
            }
            if (!to.equals(from)) {
                resolved.put(from, to);
            }
        }
        return Map.copyOf(resolved);
    }
}

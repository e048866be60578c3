package io.releaseradar.detection.core;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Key phrases of a support contact: the 1-, 2- and 3-grams of its subject and the start of its body, after
 * lower-casing, dropping English stop words and a light normalisation, so that "Notes lost!" and "my note was
 * losst" both count under {@code note} and {@code lost}. Plain Java, no state but the cap, safe to share.
 *
 * <p>Tokens are runs of Unicode letters and digits (apostrophes dropped first, so "can't" is {@code cant}). A token
 * is dropped when it is a stop word, a pure number, shorter than 2 or longer than {@value #MAX_TOKEN_LENGTH}
 * characters (ids, hashes, base64). Negations are not stop words: "cannot log in" must stay apart from "log in".
 * Each kept token is then normalised: a plural of more than 3 letters loses it ("entries" → "entry", "notes" →
 * "note", but "access" stays), and runs of one letter collapse ("losst" → "lost", "synnc" → "sync", and also
 * "cannot" → "canot": the keys are for matching, not for reading, and the rule holds everywhere alike).
 *
 * <p>N-grams never span the subject/body boundary. They are emitted position by position (the unigram, bigram and
 * trigram starting at each token), subject first, de-duplicated, until the cap: a contact counts under the phrases
 * of its first words rather than under the unigrams of its whole body.
 */
public final class PhraseExtractor {

    /** The default cap of phrases per contact. */
    public static final int DEFAULT_MAX_PHRASES = 12;
    /** How many kept tokens of the body are looked at. */
    public static final int BODY_TOKENS = 60;
    /** Longer tokens are not words. */
    public static final int MAX_TOKEN_LENGTH = 40;
    /** The longest n-gram. */
    public static final int MAX_N = 3;

    private static final String APOSTROPHE_CHARS = "'\u2019\u2018\u02bc`\u00b4";
    private static final Pattern APOSTROPHES = Pattern.compile("[" + APOSTROPHE_CHARS + "]");

    /**
     * English function words and helpdesk pleasantries, without the negations. Written in token form (apostrophes
     * already dropped), before normalisation.
     */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "during", "each", "even", "ever", "every", "few", "for", "from",
            "further", "get", "got", "had", "has", "have", "having", "he", "hed", "hell", "her", "here", "heres",
            "hers", "herself", "hes", "him", "himself", "his", "how", "hows", "i", "id", "if", "ill", "im", "in",
            "into", "is", "it", "itd", "itll", "its", "itself", "ive", "just", "lets", "me", "more", "most", "much",
            "must", "my", "myself", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
            "ourselves", "out", "over", "own", "same", "she", "shed", "shell", "shes", "should", "since", "so",
            "some", "still", "such", "than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then",
            "there", "theres", "these", "they", "theyd", "theyll", "theyre", "theyve", "this", "those", "though",
            "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "wed", "well",
            "were", "weve", "what", "whats", "when", "whens", "where", "wheres", "whether", "which", "while", "who",
            "whom", "whos", "why", "whys", "will", "with", "would", "yet", "you", "youd", "youll", "your", "youre",
            "yours", "yourself", "yourselves", "youve",
            // greetings and sign-offs: in nearly every e-mail, a symptom of nothing
            "hi", "hello", "hey", "dear", "please", "pls", "thanks", "thank", "thx", "regards", "cheers",
            // reply and forward markers of subjects ("Re: notes vanished"): a follow-up, not a symptom
            "re", "fw", "fwd");

    /**
     * The negations kept as words, as extracted ("cannot" is {@code canot}): they change what a phrase says ("cannot
     * log in"), but a phrase of nothing else says nothing of what is wrong.
     */
    private static final Set<String> NEGATIONS = Stream.of("not", "no", "nor", "never", "none", "nothing", "cannot",
            "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt",
            "shouldnt", "havent", "hasnt", "hadnt", "aint", "without", "neither")
            .map(PhraseExtractor::normaliseToken).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());

    private final int maxPhrases;

    /** An extractor with the {@linkplain #DEFAULT_MAX_PHRASES default cap}. */
    public PhraseExtractor() {
        this(DEFAULT_MAX_PHRASES);
    }

    /** @param maxPhrases most phrases per contact, at least 1 */
    public PhraseExtractor(int maxPhrases) {
        if (maxPhrases < 1) {
            throw new IllegalArgumentException("maxPhrases must be at least 1, was " + maxPhrases);
        }
        this.maxPhrases = maxPhrases;
    }

    public int maxPhrases() {
        return maxPhrases;
    }

    /** The key phrases of a contact, in order (subject first), distinct, at most {@link #maxPhrases()}. */
    public List<String> phrases(String subject, String body) {
        Set<String> out = new LinkedHashSet<>();
        addNgrams(tokens(subject, Integer.MAX_VALUE), out);
        if (out.size() < maxPhrases) {
            addNgrams(tokens(body, BODY_TOKENS), out);
        }
        return List.copyOf(out);
    }

    /** Whether every word of the phrase (as extracted) is a negation, such as "not" or "cannot". */
    public static boolean onlyNegations(String phrase) {
        for (String word : phrase.split(" ")) {
            if (!NEGATIONS.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A configured phrase (e.g. a critical phrase such as "cannot log in") in the form extracted phrases have, so
     * the two can be compared: {@code canot log}. Empty when nothing of it survives (e.g. only stop words).
     */
    public static String normalisePhrase(String phrase) {
        return String.join(" ", tokens(phrase, Integer.MAX_VALUE));
    }

    private void addNgrams(List<String> tokens, Set<String> out) {
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder gram = new StringBuilder();
            for (int n = 1; n <= MAX_N && i + n <= tokens.size(); n++) {
                if (n > 1) {
                    gram.append(' ');
                }
                gram.append(tokens.get(i + n - 1));
                out.add(gram.toString());
                if (out.size() >= maxPhrases) {
                    return;
                }
            }
        }
    }

    /** The kept, normalised tokens of a text, at most {@code limit}. */
    static List<String> tokens(String text, int limit) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        // Token by token, so that a 64 KiB body costs no more than its first words. A scan by code point, not a
        // regular expression: this runs for every contact at ingest, and the expression took a third of its CPU.
        int end = 0;
        while (tokens.size() < limit) {
            int start = skip(text, end, false);
            if (start >= text.length()) {
                break;
            }
            end = skip(text, start, true);
            String token = normaliseRaw(text.substring(start, end));
            if (token != null) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /**
     * How a key phrase was written in a text, for people to read: the words of its first occurrence as written, lower
     * case ({@code "lost note"} in "Lost my Notes!" is {@code lost notes}; {@code "canot find template"} in "I can't
     * find my template" is {@code can't find template}). Only the phrase's own words: no dropped word between them
     * (a number, an id) comes along. Empty when the phrase does not occur in the text.
     */
    public static Optional<String> wording(String phrase, String text) {
        if (phrase == null || phrase.isBlank() || text == null) {
            return Optional.empty();
        }
        List<String> words = List.of(phrase.split(" "));
        List<String> kept = new ArrayList<>(); // the kept tokens so far, normalised
        List<String> raw = new ArrayList<>(); // and as written
        int end = 0;
        while (true) {
            int start = skip(text, end, false);
            if (start >= text.length()) {
                return Optional.empty();
            }
            end = skip(text, start, true);
            String token = normaliseRaw(text.substring(start, end));
            if (token == null) {
                continue;
            }
            kept.add(token);
            raw.add(withoutOuterApostrophes(text.substring(start, end))); // 'templates' and `notes` were quotes
            int first = kept.size() - words.size();
            if (first >= 0 && kept.subList(first, kept.size()).equals(words)) {
                return Optional.of(String.join(" ", raw.subList(first, raw.size())).toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The word without apostrophes at its start and end: the quote marks around it, not part of it. */
    private static String withoutOuterApostrophes(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && APOSTROPHE_CHARS.indexOf(word.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && APOSTROPHE_CHARS.indexOf(word.charAt(to - 1)) >= 0) {
            to--;
        }
        return word.substring(from, to);
    }

    /** One raw token as it counts: apostrophes out, NFC, lower case, normalised; null when it is dropped. */
    private static String normaliseRaw(String raw) {
        if (hasApostrophe(raw)) {
            raw = APOSTROPHES.matcher(raw).replaceAll("");
        }
        if (!isAscii(raw) && !Normalizer.isNormalized(raw, Normalizer.Form.NFC)) {
            // a decomposed "é" must give the same key as the composed one
            raw = Normalizer.normalize(raw, Normalizer.Form.NFC);
        }
        return normaliseToken(raw.toLowerCase(Locale.ROOT));
    }

    /**
     * Skips the code points from {@code from} on that are token characters (with {@code tokenChars} false: that are
     * not); returns the index after them.
     */
    private static int skip(String text, int from, boolean tokenChars) {
        int i = from;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isTokenChar(cp) != tokenChars) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * Whether a code point belongs to a token: a letter, mark or digit (the Unicode categories L, M and N) or an
     * apostrophe, so that "can't" is one token before its apostrophe is dropped.
     */
    static boolean isTokenChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '\''
                    || cp == '`';
        }
        if (APOSTROPHE_CHARS.indexOf(cp) >= 0) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static boolean hasApostrophe(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (APOSTROPHE_CHARS.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The normalised form of one lower-case token, or null when it is dropped. */
    static String normaliseToken(String token) {
        if (token.length() < 2 || token.length() > MAX_TOKEN_LENGTH || STOP_WORDS.contains(token)
                || isNumber(token)) {
            return null;
        }
        String t = singular(token);
        t = collapseRuns(t);
        return t.length() < 2 ? null : t;
    }

    private static String singular(String t) {
        if (t.length() <= 3) {
            return t;
        }
        if (t.endsWith("ies")) {
            return t.substring(0, t.length() - 3) + "y";
        }
        if (t.endsWith("s") && !t.endsWith("ss")) {
            return t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** Runs of the same letter become one letter; digits are left alone ("0x80070005" is a code, not a typo). */
    private static String collapseRuns(String t) {
        StringBuilder b = new StringBuilder(t.length());
        int previous = -1;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            if (cp != previous || !Character.isLetter(cp)) {
                b.appendCodePoint(cp);
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** Digits (of any script) and marks only: a number, a version or a date part. */
    private static boolean isNumber(String t) {
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            if (Character.isLetter(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}

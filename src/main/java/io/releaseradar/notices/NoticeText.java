package io.releaseradar.notices;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in a notice's subject and body. {@code {product}}, {@code {version}} and {@code {summary}} (the alert's
 * one-line summary) are filled when the notice is created; {@code {name}} and {@code {runningVersion}} per customer
 * when the mail is rendered. Any other {@code {word}} is a mistake the author hears of at once, not a mail with a
 * hole in it. Plain substitution, no template language: the text is the author's, not code.
 */
public final class NoticeText {

    static final Set<String> NOTICE_FIELDS = Set.of("product", "version", "summary");
    static final Set<String> CUSTOMER_FIELDS = Set.of("name", "runningVersion");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private NoticeText() {
    }

    /** Placeholders in {@code text} that are not known, sorted; empty when all are. */
    public static Set<String> unknownPlaceholders(String text) {
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!NOTICE_FIELDS.contains(name) && !CUSTOMER_FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** {@code text} with the placeholders named in {@code values} replaced; others are left for a later fill. */
    public static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}

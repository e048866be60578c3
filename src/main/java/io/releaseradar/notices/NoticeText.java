package io.releaseradar.notices;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in text for customers (a notice's subject and body, its translations, a policy's templates), exactly
 * the contract's: {@code {product}}, {@code {version}}, {@code {symptom}} (the alert's top symptom in the customers'
 * own words) and {@code {fixVersion}} (the newest release after the version, empty if none) are filled when the
 * notice is created, so that what is previewed and approved is what is sent; {@code {name}} and
 * {@code {installedVersion}} per customer when the mail is rendered. The alert's summary is deliberately not one: it
 * is written for support staff. Any other {@code {word}} is a mistake the author hears of at once, not a mail with a
 * hole in it. Plain substitution, no template language: the text is the author's, not code.
 */
public final class NoticeText {

    static final Set<String> NOTICE_FIELDS = Set.of("product", "version", "symptom", "fixVersion");
    static final Set<String> CUSTOMER_FIELDS = Set.of("name", "installedVersion");
    /** The placeholders, in the order the API names them. */
    static final List<String> KNOWN = List.of("name", "product", "version", "installedVersion", "symptom",
            "fixVersion");
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

    /** Whether {@code text} uses the placeholder {@code name}. */
    static boolean uses(String text, String name) {
        return text.contains("{" + name + "}");
    }

    /** The error message for unknown placeholders, naming them and the known ones. */
    static String unknownMessage(Set<String> unknown) {
        return "has unknown placeholders " + unknown.stream().map(p -> "{" + p + "}").toList()
                + " (known: " + String.join(", ", KNOWN.stream().map(p -> "{" + p + "}").toList()) + ")";
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

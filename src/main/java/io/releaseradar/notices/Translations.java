package io.releaseradar.notices;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Problem;
import java.util.IllformedLocaleException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A notice's translations ({@code {"de-CH": {"subject", "body"}}}): read strictly, and looked up for one customer's
 * locale as RFC 4647 "lookup" does: the whole tag, then shorter and shorter ({@code de-CH} → {@code de}), else the
 * default text. Tags are kept in their canonical form ({@code de-ch} is {@code de-CH}), so that two spellings of one
 * language cannot both be given.
 */
public final class Translations {

    /** Most translations of one notice. */
    static final int MAX = 50;
    private static final Set<String> FIELDS = Set.of("subject", "body");

    private Translations() {
    }

    /**
     * The translations in {@code node} (absent or null: none), by canonical tag; errors go to {@code item} under
     * {@code translations.<tag>.<field>}.
     */
    static Map<String, Translation> parse(JsonItem item, JsonNode node) {
        Map<String, Translation> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            item.fail("translations", "must be an object of language tag → {subject, body}");
            return out;
        }
        if (node.size() > MAX) {
            item.fail("translations", "must have at most " + MAX + " languages");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> e = fields.next();
            String prefix = "translations." + e.getKey();
            String tag = canonicalTag(e.getKey());
            if (tag == null) {
                item.fail(prefix, "is not a language tag (BCP 47, e.g. de, de-CH, fr)");
                continue;
            }
            if (out.containsKey(tag)) {
                item.fail(prefix, "is the language " + tag + " again");
                continue;
            }
            if (!e.getValue().isObject()) {
                item.fail(prefix, "must be an object {subject, body}");
                continue;
            }
            JsonItem translation = JsonItem.of(e.getValue());
            NoticeRequest.unknownFields(translation, e.getValue(), FIELDS, "a translation");
            String subject = NoticeRequest.subject(translation, "subject");
            String body = NoticeRequest.text(translation, "body", NoticeRequest.MAX_BODY);
            for (Problem.FieldError error : translation.errors()) {
                item.fail(error.field().isEmpty() ? prefix : prefix + "." + error.field(), error.message());
            }
            if (translation.valid()) {
                out.put(tag, new Translation(subject, body));
            }
        }
        return out;
    }

    /**
     * The key of {@code translations} for a customer's {@code locale}: the longest match of the tag and its shorter
     * forms, case-insensitive; empty for the default text (no locale, or no translation for it).
     */
    public static Optional<String> pick(Set<String> translations, String locale) {
        if (translations.isEmpty() || locale == null || locale.isBlank()) {
            return Optional.empty();
        }
        String tag = canonicalTag(locale.strip().replace('_', '-'));
        if (tag == null) {
            // a feed's odd spelling ("german (CH)"): its language, if it starts with one
            tag = canonicalTag(locale.strip().split("[^A-Za-z]", 2)[0]);
            if (tag == null) {
                return Optional.empty();
            }
        }
        String[] parts = tag.split("-");
        for (int n = parts.length; n > 0; n--) {
            if (parts[n - 1].length() == 1) {
                continue; // an extension's singleton ("-u-") is never a tag's end
            }
            String candidate = String.join("-", java.util.Arrays.copyOf(parts, n));
            for (String key : translations) {
                if (key.equalsIgnoreCase(candidate)) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    /** The tag's canonical form ({@code DE-ch} → {@code de-CH}); null when it is not a well-formed language tag. */
    static String canonicalTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }
}

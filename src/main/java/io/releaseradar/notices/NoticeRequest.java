package io.releaseradar.notices;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST /api/v1/notices (documents the schema; {@link #parse} reads it strictly: unknown fields and wrong
 * types are a 400 that names them).
 */
@Schema(name = "NoticeRequest")
public record NoticeRequest(
        @Schema(required = true, example = "notes") String product,
        @Schema(required = true, example = "2.4.0") String version,
        @Schema(nullable = true, description = "The alert the notice is about: its symptom decides who is already "
                + "in touch (suppressed), and a CRITICAL alert lifts the frequency cap") UUID alertId,
        @Schema(required = true) Audience audience,
        @Schema(required = true, example = "Please wait with {product} {version}",
                description = "Placeholders: {name} {installedVersion} (the customer's), {product} {version}, "
                        + "{symptom} (the alert's top symptom in the customers' words; needs alertId), {fixVersion} "
                        + "(the newest release after version, empty if none). No control characters.") String subject,
        @Schema(required = true, example = "Dear {name}, we found a problem in {product} {version} that can lose "
                + "notes. Please do not upgrade until 2.4.1.", description = "Plain text; blank lines separate "
                + "paragraphs; placeholders as in subject") String body,
        @Schema(nullable = true, description = "Text per language tag (de, de-CH, fr…): a customer gets the one "
                + "for their locale, falling back from de-CH to de, else subject and body") Map<String, Translation>
                translations) {

    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 20_000;
    private static final Set<String> FIELDS = Set.of("product", "version", "alertId", "audience", "subject", "body",
            "translations");

    public NoticeRequest {
        translations = translations == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(translations));
    }

    public static NoticeRequest parse(JsonNode node) {
        JsonItem item = JsonItem.of(node);
        unknownFields(item, node, FIELDS, "a notice");
        String product = item.key("product", true, Keys::isProduct, Keys.PRODUCT_MESSAGE);
        String version = item.key("version", true, Keys::isVersion, Keys.VERSION_MESSAGE);
        UUID alertId = null;
        String alert = item.string("alertId", false, 100);
        if (alert != null) {
            try {
                alertId = UUID.fromString(alert);
            } catch (IllegalArgumentException e) {
                item.fail("alertId", "must be an alert id (a UUID)");
            }
        }
        Audience audience = audience(item, "audience");
        String subject = subject(item, "subject");
        String body = text(item, "body", MAX_BODY);
        Map<String, Translation> translations = Translations.parse(item,
                node == null ? null : node.get("translations"));
        check(item, "The notice has invalid fields.");
        return new NoticeRequest(product, version, alertId, audience, subject, body, translations);
    }

    static void unknownFields(JsonItem item, JsonNode node, Set<String> known, String what) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                item.fail(name, "is not a field of " + what + " (known: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        }
    }

    static Audience audience(JsonItem item, String field) {
        String text = item.string(field, true, 30);
        if (text == null) {
            return null;
        }
        try {
            return Audience.valueOf(text);
        } catch (IllegalArgumentException e) {
            item.fail(field, "must be one of INSTALLED, NOT_YET_UPGRADED, ALL");
            return null;
        }
    }

    /**
     * A subject (or subject template, or a translation's subject): {@link #text} that goes into a mail header, so
     * without control characters or line separators ({@link JsonItem#headerText}).
     */
    static String subject(JsonItem item, String field) {
        return text(item, field, MAX_SUBJECT, true);
    }

    /** Required, not blank, within {@code maxChars}, and only known placeholders. */
    static String text(JsonItem item, String field, int maxChars) {
        return text(item, field, maxChars, false);
    }

    private static String text(JsonItem item, String field, int maxChars, boolean header) {
        // What a mail header may not hold is JsonItem#headerText's to say (for customers' names as well): one check
        // for the default subject, the translations' and the policy's templates.
        String text = header ? item.headerText(field, true, maxChars * 4) : item.string(field, true, maxChars * 4);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            item.fail(field, "must not be blank");
        } else if (text.length() > maxChars) {
            item.fail(field, "must have at most " + maxChars + " characters");
        } else if (!NoticeText.unknownPlaceholders(text).isEmpty()) {
            item.fail(field, NoticeText.unknownMessage(NoticeText.unknownPlaceholders(text)));
        }
        return text;
    }

    static void check(JsonItem item, String detail) {
        if (!item.valid()) {
            List<Problem.FieldError> errors = new ArrayList<>(item.errors());
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw ProblemException.invalid(detail, errors);
        }
    }
}

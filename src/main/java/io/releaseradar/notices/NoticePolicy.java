package io.releaseradar.notices;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.JsonItem;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A product's auto-notice policy (contract: notice-policy). With {@code autoSend}, an alert of one of the product's
 * versions reaching {@code minSeverity} creates and approves a notice by itself, once per alert.
 *
 * @param subject a template with the placeholders of text for customers ({@link NoticeText}): {product} {version}
 *     {symptom} {fixVersion} are the alert's, {name} {installedVersion} the customer's; never the alert's summary
 * @param translations the templates per language tag, as on a notice (extends the contract); empty: none
 */
@Schema(name = "NoticePolicy")
public record NoticePolicy(@Schema(required = true) boolean autoSend,
        @Schema(required = true, enumeration = {"HIGH", "CRITICAL"}) Severity minSeverity,
        @Schema(required = true) Audience audience,
        @Schema(required = true, example = "Please wait with {product} {version}") String subject,
        @Schema(required = true, example = "Dear {name}, customers running {product} {version} report "
                + "\"{symptom}\". You run {installedVersion}: please do not upgrade until the fix is out.") String body,
        @Schema(nullable = true, description = "Templates per language tag, as a notice's translations")
        Map<String, Translation> translations) {

    private static final Set<String> FIELDS = Set.of("autoSend", "minSeverity", "audience", "subject", "body",
            "translations");

    public NoticePolicy {
        translations = translations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(translations));
    }

    public static NoticePolicy parse(JsonNode node) {
        JsonItem item = JsonItem.of(node);
        NoticeRequest.unknownFields(item, node, FIELDS, "a notice policy");
        if (!node.has("autoSend") || !node.get("autoSend").isBoolean()) {
            item.fail("autoSend", "is required: true or false");
        }
        boolean autoSend = node.path("autoSend").asBoolean(false);
        Severity minSeverity = null;
        String severity = item.string("minSeverity", true, 20);
        if ("HIGH".equals(severity) || "CRITICAL".equals(severity)) {
            minSeverity = Severity.valueOf(severity);
        } else if (severity != null) {
            item.fail("minSeverity", "must be HIGH or CRITICAL");
        }
        Audience audience = NoticeRequest.audience(item, "audience");
        String subject = NoticeRequest.subject(item, "subject");
        String body = NoticeRequest.text(item, "body", NoticeRequest.MAX_BODY);
        Map<String, Translation> translations = Translations.parse(item, node.get("translations"));
        NoticeRequest.check(item, "The notice policy has invalid fields.");
        return new NoticePolicy(autoSend, minSeverity, audience, subject, body, translations);
    }
}

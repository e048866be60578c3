package io.releaseradar.alerts.notify.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body a Teams workflow ("When a Teams webhook request is received", then "Post card in a chat or channel")
 * takes: {@code {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
 * "contentUrl":null,"content":<AdaptiveCard>}]}}, at most 28 KB (the Teams connector's message limit). The card is
 * checked against the Adaptive Card 1.4 JSON schema (microsoft/AdaptiveCards, schemas/1.4.0/adaptive-card.json) for
 * the elements a notification uses: AdaptiveCard, TextBlock, RichTextBlock/TextRun, FactSet/Fact, Container,
 * ActionSet and Action.OpenUrl, each with {@code additionalProperties: false}, its required properties and its enums.
 */
public final class TeamsSchema extends SchemaCheck {

    static final int MAX_BYTES = 28 * 1024;

    private static final Set<String> CARD = Set.of("type", "version", "refresh", "body", "actions", "selectAction",
            "fallbackText", "backgroundImage", "minHeight", "speak", "lang", "verticalContentAlignment", "$schema");
    /** Extendable.Element's members, which every element has. */
    private static final Set<String> ELEMENT = Set.of("type", "fallback", "height", "separator", "spacing", "id",
            "isVisible", "requires");
    private static final Set<String> TEXT_BLOCK = union(ELEMENT, Set.of("text", "color", "fontType",
            "horizontalAlignment", "isSubtle", "maxLines", "size", "weight", "wrap"));
    private static final Set<String> TEXT_RUN = Set.of("type", "text", "color", "fontType", "highlight",
            "isSubtle", "italic", "selectAction", "size", "strikethrough", "underline", "weight");
    private static final Set<String> COLORS = Set.of("default", "dark", "light", "accent", "good", "warning",
            "attention");
    private static final Set<String> SIZES = Set.of("default", "small", "medium", "large", "extraLarge");
    private static final Set<String> WEIGHTS = Set.of("default", "lighter", "bolder");
    private static final Set<String> SPACINGS = Set.of("default", "none", "small", "medium", "large", "extraLarge",
            "padding");

    private TeamsSchema() {
    }

    /** Every violation; empty when the workflow would post the card. */
    public static List<String> check(JsonNode message, byte[] raw) {
        TeamsSchema check = new TeamsSchema();
        if (raw.length > MAX_BYTES) {
            check.fail("$", "is " + raw.length + " bytes, more than the 28 KB a Teams message may have");
        }
        check.message(message);
        return check.violations();
    }

    private void message(JsonNode message) {
        if (!object(message, "$", Set.of("type", "attachments", "summary", "text"))) {
            return;
        }
        oneOf(message, "type", "$", true, Set.of("message"));
        JsonNode attachments = array(message, "attachments", "$", 1, 1);
        if (attachments == null || attachments.isEmpty()) {
            return;
        }
        JsonNode attachment = attachments.get(0);
        String path = "$.attachments[0]";
        if (!object(attachment, path, Set.of("contentType", "contentUrl", "content"))) {
            return;
        }
        oneOf(attachment, "contentType", path, true, Set.of("application/vnd.microsoft.card.adaptive"));
        if (!attachment.has("contentUrl") || !attachment.get("contentUrl").isNull()) {
            fail(path + ".contentUrl", "must be present and null: the card is inline");
        }
        card(attachment.get("content"), path + ".content");
    }

    private void card(JsonNode card, String path) {
        if (!object(card, path, CARD)) {
            return;
        }
        oneOf(card, "type", path, true, Set.of("AdaptiveCard"));
        // "version ... is required for the top-level card"; the contract asks for 1.4 or later.
        oneOf(card, "version", path, true, Set.of("1.4", "1.5", "1.6"));
        optionalString(card, "fallbackText", path, 0, Integer.MAX_VALUE);
        optionalString(card, "$schema", path, 1, 2000);
        elements(card, "body", path);
        JsonNode actions = array(card, "actions", path, 0, 100);
        for (int i = 0; actions != null && i < actions.size(); i++) {
            action(actions.get(i), path + ".actions[" + i + "]");
        }
    }

    private void elements(JsonNode parent, String field, String path) {
        JsonNode items = array(parent, field, path, 0, 1000);
        for (int i = 0; items != null && i < items.size(); i++) {
            element(items.get(i), path + "." + field + "[" + i + "]");
        }
    }

    private void element(JsonNode e, String path) {
        String type = e.path("type").asText();
        switch (type) {
            case "TextBlock" -> {
                object(e, path, TEXT_BLOCK);
                string(e, "text", path, 0, Integer.MAX_VALUE);
                oneOf(e, "color", path, false, COLORS);
                oneOf(e, "size", path, false, SIZES);
                oneOf(e, "weight", path, false, WEIGHTS);
                bool(e, "wrap", path);
                bool(e, "isSubtle", path);
            }
            case "RichTextBlock" -> {
                object(e, path, union(ELEMENT, Set.of("inlines", "horizontalAlignment")));
                if (!e.has("inlines")) {
                    fail(path + ".inlines", "is required");
                }
                JsonNode inlines = array(e, "inlines", path, 0, 1000);
                for (int i = 0; inlines != null && i < inlines.size(); i++) {
                    textRun(inlines.get(i), path + ".inlines[" + i + "]");
                }
            }
            case "FactSet" -> {
                object(e, path, union(ELEMENT, Set.of("facts")));
                JsonNode facts = array(e, "facts", path, 0, 1000);
                if (!e.has("facts")) {
                    fail(path + ".facts", "is required");
                }
                for (int i = 0; facts != null && i < facts.size(); i++) {
                    String fact = path + ".facts[" + i + "]";
                    if (object(facts.get(i), fact, Set.of("type", "title", "value"))) {
                        string(facts.get(i), "title", fact, 0, Integer.MAX_VALUE);
                        string(facts.get(i), "value", fact, 0, Integer.MAX_VALUE);
                    }
                }
            }
            case "Container" -> {
                object(e, path, union(ELEMENT, Set.of("items", "selectAction", "style", "verticalContentAlignment",
                        "bleed", "backgroundImage", "minHeight")));
                if (!e.has("items")) {
                    fail(path + ".items", "is required");
                }
                elements(e, "items", path);
            }
            case "ActionSet" -> {
                object(e, path, union(ELEMENT, Set.of("actions")));
                JsonNode actions = array(e, "actions", path, 1, 100);
                for (int i = 0; actions != null && i < actions.size(); i++) {
                    action(actions.get(i), path + ".actions[" + i + "]");
                }
            }
            default -> fail(path + ".type", "must be an element this card may use, is '" + type + "'");
        }
        oneOf(e, "spacing", path, false, SPACINGS);
        bool(e, "separator", path);
    }

    /** A TextRun (an inline may also be a plain string; this card writes runs only). */
    private void textRun(JsonNode run, String path) {
        if (!object(run, path, TEXT_RUN)) {
            return;
        }
        oneOf(run, "type", path, true, Set.of("TextRun"));
        string(run, "text", path, 0, Integer.MAX_VALUE);
        oneOf(run, "color", path, false, COLORS);
        oneOf(run, "size", path, false, SIZES);
        oneOf(run, "weight", path, false, WEIGHTS);
        bool(run, "isSubtle", path);
        bool(run, "italic", path);
    }

    private void action(JsonNode action, String path) {
        if (!"Action.OpenUrl".equals(action.path("type").asText())) {
            fail(path + ".type", "must be Action.OpenUrl, the only action a workflow-posted card can carry out");
            return;
        }
        object(action, path, Set.of("type", "url", "title", "iconUrl", "style", "fallback", "requires", "id"));
        url(action, "url", path, 2048);
        optionalString(action, "title", path, 0, Integer.MAX_VALUE);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

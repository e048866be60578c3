package io.releaseradar.alerts.notify.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slack incoming-webhook message as Slack documents it (docs.slack.dev: Block Kit blocks reference, header,
 * section, context, divider and actions blocks, text objects, button element, and "Formatting text for app
 * surfaces"): a fallback {@code text}; at most 50 blocks in a message; a header's plain_text at most 150
 * characters; a section's text at most 3000 and at most 10 fields of at most 2000; a context at most 10 elements;
 * a button's text at most 75 and url at most 3000; {@code block_id} at most 255. In mrkdwn, {@code &}, {@code <} and
 * {@code >} are control characters: a literal one must be written as {@code &amp;}, {@code &lt;}, {@code &gt;}.
 */
public final class SlackSchema extends SchemaCheck {

    private static final Set<String> MESSAGE = Set.of("text", "blocks", "mrkdwn", "username", "icon_emoji",
            "icon_url", "unfurl_links", "unfurl_media", "thread_ts");
    private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");
    /** A link {@code <https://…|label>} or a mention {@code <@U…>}, {@code <#C…>}, {@code <!here>}. */
    private static final Pattern CONTROL = Pattern.compile("<(https?://[^|>\\s]+(\\|[^>]*)?|[@#!][^>]*)>");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt);");
    private static final Pattern QUOTE = Pattern.compile("(?m)^> ");

    private SlackSchema() {
    }

    /** Every violation of the documented message schema; empty when Slack would take the message. */
    public static List<String> check(JsonNode message) {
        SlackSchema check = new SlackSchema();
        check.message(message);
        return check.violations();
    }

    private void message(JsonNode message) {
        if (!object(message, "$", MESSAGE)) {
            return;
        }
        // The fallback: required by this contract, and what Slack shows in notifications.
        string(message, "text", "$", 1, 40_000);
        JsonNode blocks = array(message, "blocks", "$", 1, 50);
        if (blocks == null) {
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "$.blocks[" + i + "]");
        }
    }

    private void block(JsonNode block, String path) {
        String type = block.path("type").asText();
        switch (type) {
            case "header" -> {
                object(block, path, Set.of("type", "text", "block_id"));
                text(block.get("text"), path + ".text", 150, Set.of("plain_text"));
            }
            case "section" -> {
                object(block, path, Set.of("type", "text", "fields", "block_id", "accessory", "expand"));
                if (!block.has("text") && !block.has("fields")) {
                    fail(path, "a section needs text or fields");
                }
                if (block.has("text")) {
                    text(block.get("text"), path + ".text", 3000, TEXT_TYPES);
                }
                JsonNode fields = array(block, "fields", path, 0, 10);
                for (int i = 0; fields != null && i < fields.size(); i++) {
                    text(fields.get(i), path + ".fields[" + i + "]", 2000, TEXT_TYPES);
                }
            }
            case "context" -> {
                object(block, path, Set.of("type", "elements", "block_id"));
                JsonNode elements = array(block, "elements", path, 1, 10);
                for (int i = 0; elements != null && i < elements.size(); i++) {
                    text(elements.get(i), path + ".elements[" + i + "]", 3000, TEXT_TYPES);
                }
            }
            case "divider" -> object(block, path, Set.of("type", "block_id"));
            case "actions" -> {
                object(block, path, Set.of("type", "elements", "block_id"));
                JsonNode elements = array(block, "elements", path, 1, 25);
                for (int i = 0; elements != null && i < elements.size(); i++) {
                    button(elements.get(i), path + ".elements[" + i + "]");
                }
            }
            default -> fail(path + ".type", "must be a block type this message may use, is '" + type + "'");
        }
        optionalString(block, "block_id", path, 1, 255);
    }

    private void button(JsonNode button, String path) {
        if (object(button, path, Set.of("type", "text", "action_id", "url", "value", "style",
                "accessibility_label"))) {
            oneOf(button, "type", path, true, Set.of("button"));
            text(button.get("text"), path + ".text", 75, Set.of("plain_text"));
            optionalString(button, "url", path, 1, 3000);
        }
    }

    private void text(JsonNode text, String path, int max, Set<String> types) {
        if (!object(text, path, Set.of("type", "text", "emoji", "verbatim"))) {
            return;
        }
        oneOf(text, "type", path, true, types);
        string(text, "text", path, 1, max);
        bool(text, "emoji", path);
        bool(text, "verbatim", path);
        if ("plain_text".equals(text.path("type").asText()) && text.has("verbatim")) {
            fail(path + ".verbatim", "is only for mrkdwn");
        }
        if ("mrkdwn".equals(text.path("type").asText()) && text.has("emoji")) {
            fail(path + ".emoji", "is only for plain_text");
        }
        if ("mrkdwn".equals(text.path("type").asText()) && text.path("text").isTextual()) {
            escaped(text.path("text").textValue(), path + ".text");
        }
    }

    /** Outside links, mentions and a line's leading {@code >} (a block quote), no bare {@code <}, {@code >}, {@code &}. */
    private void escaped(String mrkdwn, String path) {
        Matcher controls = CONTROL.matcher(QUOTE.matcher(mrkdwn).replaceAll(""));
        String rest = controls.replaceAll("");
        String bare = ENTITY.matcher(rest).replaceAll("");
        if (bare.contains("<") || bare.contains(">") || bare.contains("&")) {
            fail(path, "has an unescaped &, < or > outside a link: " + mrkdwn);
        }
    }
}

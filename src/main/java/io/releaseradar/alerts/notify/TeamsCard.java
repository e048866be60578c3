package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.detection.core.Severity;

/**
 * An alert as the body a Microsoft Teams workflow ("When a Teams webhook request is received", then "Post card in a
 * chat or channel") posts: a {@code message} with one Adaptive Card 1.4 attachment holding what the Slack message
 * holds. Only elements and properties of the Adaptive Card 1.4 schema; quotes are cut so that the card stays far
 * below the 28 KB a Teams message may have.
 *
 * <p>A TextBlock's text and a Fact's title and value are Markdown in Teams (bold, italic, lists and
 * {@code [title](url)} links), so text from customers, helpdesks or evaluations must not be put there as it is: a
 * subject {@code [Reset your password](https://evil.example)} would be a link. The headline, the summary and the
 * quotes are therefore RichTextBlocks, whose TextRuns Adaptive Cards never read as Markdown; the facts' texts are
 * Markdown-escaped (CommonMark backslash escapes).
 */
final class TeamsCard {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String VERSION = "1.4";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The summary line is one line; a card is no place for a longer text. */
    private static final int TEXT_MAX = 2000;

    private TeamsCard() {
    }

    static ObjectNode of(AlertMessage m) {
        ObjectNode message = NODES.objectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", CONTENT_TYPE).putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", VERSION)
                .put("fallbackText", AlertMessage.clip(m.headline() + " - " + m.summary(), TEXT_MAX));
        ArrayNode body = card.putArray("body");
        run(body, m.headline()).put("size", "large").put("weight", "bolder").put("color", color(m.severity()));
        run(body, AlertMessage.clip(m.summary(), TEXT_MAX));
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Severity", m.severity().name());
        fact(facts, "Version", m.release());
        fact(facts, "What happened", m.change());
        if (!m.signals().isEmpty()) {
            text(body, "Top signals").put("weight", "bolder").put("spacing", "medium");
            ArrayNode signals = body.addObject().put("type", "FactSet").putArray("facts");
            m.signals().forEach(s -> fact(signals, s.what(), s.detail()));
        }
        if (!m.quotes().isEmpty()) {
            text(body, "What customers write").put("weight", "bolder").put("spacing", "medium");
            m.quotes().forEach(q -> run(body, "“" + q + "”").put("isSubtle", true));
        }
        card.putArray("actions").addObject().put("type", "Action.OpenUrl")
                .put("title", "Open in Release Radar").put("url", m.link());
        return message;
    }

    /** A TextBlock, for our own words only: its text is Markdown. */
    private static ObjectNode text(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    /** A RichTextBlock of one TextRun, which is shown as written (no Markdown); returns the run, to style it. */
    private static ObjectNode run(ArrayNode body, String text) {
        return body.addObject().put("type", "RichTextBlock").putArray("inlines").addObject().put("type", "TextRun")
                .put("text", text);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", escapeMarkdown(title)).put("value", escapeMarkdown(value));
    }

    /**
     * The characters that make Markdown in a Teams card (emphasis, code, links, HTML-like tags and entities,
     * block quotes, headings, lists) preceded by a backslash, CommonMark's escape for ASCII punctuation.
     */
    static String escapeMarkdown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_~[]()<>&#!|".indexOf(c) >= 0 || ((c == '-' || c == '+') && i == 0)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The schema's Colors: attention (red) for HIGH and up, warning for MEDIUM. */
    private static String color(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "attention";
            case MEDIUM -> "warning";
            case LOW -> "default";
        };
    }
}

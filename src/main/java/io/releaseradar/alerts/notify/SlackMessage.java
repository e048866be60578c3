package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Collectors;

/**
 * An alert as a Slack incoming-webhook message: {@code text} (the summary line, which Slack shows in notifications
 * and where blocks cannot be shown) and Block Kit {@code blocks}: a header, the summary with severity and version,
 * the top signals in words, two customer quotes and a link to the alert page. Within Slack's documented limits: a
 * header's text at most 150 characters, a section's text 3000, a field's 2000, at most 50 blocks (docs.slack.dev,
 * Block Kit reference). Text that came from customers or evaluations is escaped ({@code & < >}) and every mrkdwn
 * object is {@code verbatim}, so it cannot become a link or a mention.
 */
final class SlackMessage {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    /** Slack truncates longer messages; the fallback is one line anyway. */
    static final int TEXT_MAX = 3000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SlackMessage() {
    }

    static ObjectNode of(AlertMessage m) {
        ObjectNode message = NODES.objectNode();
        message.put("text", AlertMessage.clip(m.change() + ": *" + m.severity() + "* " + escape(m.release()) + " - "
                + escape(m.summary()) + " <" + m.link() + "|Open in Release Radar>", TEXT_MAX));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", AlertMessage.clip(m.headline(), HEADER_MAX));

        ObjectNode summary = section(blocks, escape(m.summary()));
        ArrayNode fields = summary.putArray("fields");
        fields.add(mrkdwn(AlertMessage.clip("*Severity*\n" + m.severity(), FIELD_MAX)));
        fields.add(mrkdwn(AlertMessage.clip("*Version*\n" + escape(m.release()), FIELD_MAX)));
        fields.add(mrkdwn(AlertMessage.clip("*What happened*\n" + m.change(), FIELD_MAX)));

        if (!m.signals().isEmpty()) {
            section(blocks, "*Top signals*\n" + m.signals().stream()
                    .map(s -> "• " + escape(s.line())).collect(Collectors.joining("\n")));
        }
        if (!m.quotes().isEmpty()) {
            section(blocks, "*What customers write*\n" + m.quotes().stream()
                    .map(q -> "> “" + escape(q) + "”").collect(Collectors.joining("\n")));
        }
        section(blocks, "<" + m.link() + "|Open the alert in Release Radar>");
        return message;
    }

    private static ObjectNode section(ArrayNode blocks, String text) {
        ObjectNode section = blocks.addObject().put("type", "section");
        section.set("text", mrkdwn(AlertMessage.clip(text, SECTION_MAX)));
        return section;
    }

    /**
     * A mrkdwn text object with {@code verbatim}: Slack then formats only what is written out (our bold, our link)
     * and does not turn plain text into links, channel names or mentions, so a URL or {@code @channel} a customer
     * wrote stays text (Block Kit reference, text object).
     */
    private static ObjectNode mrkdwn(String text) {
        return NODES.objectNode().put("type", "mrkdwn").put("text", text).put("verbatim", true);
    }

    /**
     * Slack's control characters as the entities its formatting reference asks for ("Formatting text for app
     * surfaces": {@code &}, {@code <} and {@code >} must be escaped unless they are used for parsing): a customer's
     * {@code <!channel>} or {@code <http://evil|click>} then shows as typed and neither pings nor links.
     */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

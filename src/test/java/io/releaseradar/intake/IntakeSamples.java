package io.releaseradar.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The helpdesk payloads under src/test/resources/intake, shaped as their vendors document them:
 * <ul>
 * <li>zendesk-ticket-created.json: the ticket.created example of
 * https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/ (as published; values unchanged).</li>
 * <li>zendesk-ticket-comment-added.json: the same page's envelope and detail object with the comment_added event
 * object {comment: {author: {id, is_staff, name}, body, id, is_public}} as the page lists its properties; the
 * detail's updated_at and the event's id, time and texts are ours.</li>
 * <li>freshdesk-ticket-created.json: the "Trigger webhook" action's JSON content {"freshdesk_webhook": {...}} with
 * Freshdesk placeholders rendered (keys as in Zulip's captured Freshdesk fixture, plus source, custom fields and
 * company); see docs/intake.md for the content that produces it.</li>
 * <li>jsm-issue-created.json: Jira automation "Send web request" with "Issue data (Jira format)",
 * https://support.atlassian.com/cloud-automation/docs/issue-data-jira-format-payload-for-send-web-request-action/,
 * trimmed to the fields used plus a few of the example's, with created, summary, description, reporter, versions,
 * components and the Service Management fields as Jira's REST API shapes them.</li>
 * </ul>
 */
final class IntakeSamples {

    static final ObjectMapper JSON = new ObjectMapper();

    private IntakeSamples() {
    }

    /** A fresh, mutable copy of the sample. */
    static ObjectNode load(String name) {
        try (InputStream in = IntakeSamples.class.getResourceAsStream("/intake/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

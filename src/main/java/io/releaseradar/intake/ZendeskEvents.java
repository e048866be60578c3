package io.releaseradar.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Zendesk's ticket event webhooks (developer.zendesk.com/api-reference/webhooks/event-types/ticket-events):
 * an envelope {@code {id, time, type, account_id, subject, detail: the ticket, event}}.
 * <ul>
 * <li>{@code zen:event-type:ticket.created}: one contact, externalId = the ticket id, dated {@code detail.created_at},
 * body = the ticket's description.</li>
 * <li>{@code zen:event-type:ticket.comment_added}: one contact per comment of the customer, externalId =
 * {@code <ticket id>-<comment id>}, dated by the event's {@code time}, body = the comment. Agents' comments
 * ({@code author.is_staff}) are not contacts, nor is the comment that opened the ticket (its snapshot still has
 * {@code updated_at == created_at}): ticket.created counted it.</li>
 * <li>Any other event type is not a contact and is answered with nothing accepted.</li>
 * </ul>
 * customerId = {@code detail.organization_id}, else {@code detail.requester_id}; version and category come from
 * the ticket's tags {@code version:<v>} / {@code version_<v>} and {@code category:<c>} / {@code category_<c>}
 * (what a drop-down field with such option tags sets; the events carry no custom field values); the channel is
 * {@code detail.via.channel} through {@link ZendeskChannels}. Entries of the intake's {@code mapping} override
 * single fields with a pointer into the event.
 */
final class ZendeskEvents {

    static final String CREATED = "zen:event-type:ticket.created";
    static final String COMMENT_ADDED = "zen:event-type:ticket.comment_added";

    private ZendeskEvents() {
    }

    /** Fills {@code draft} from {@code event}; false when the event is not a contact. */
    static boolean read(IntakeSource intake, JsonNode event, ContactDraft draft) {
        String type = ContactDraft.text(event.get("type"));
        if (type == null) {
            draft.missing("type", "is missing: this is not a Zendesk event (zen:event-type:...)");
            return true;
        }
        JsonNode detail = event.path("detail");
        JsonNode comment = event.path("event").path("comment");
        String ticketId = ContactDraft.text(detail.get("id"));
        if (type.equals(COMMENT_ADDED)) {
            if (comment.path("author").path("is_staff").asBoolean(false) || isOpeningComment(detail)) {
                return false;
            }
            String commentId = ContactDraft.text(comment.get("id"));
            if (ticketId == null || commentId == null) {
                draft.missing("externalId", "the event has no " + (ticketId == null ? "detail.id (the ticket id)"
                        : "event.comment.id (the comment id)"));
            } else {
                draft.put("externalId", ticketId + "-" + commentId);
            }
            draft.put("receivedAt", instant(event.get("time")));
            draft.put("body", ContactDraft.text(comment.get("body")));
        } else if (type.equals(CREATED)) {
            if (ticketId == null) {
                draft.missing("externalId", "the event has no detail.id (the ticket id)");
            }
            draft.put("externalId", ticketId);
            String createdAt = instant(detail.get("created_at"));
            draft.put("receivedAt", createdAt != null ? createdAt : instant(event.get("time")));
            draft.put("body", ContactDraft.text(detail.get("description")));
        } else {
            return false;
        }
        String organization = ContactDraft.text(detail.get("organization_id"));
        draft.put("customerId", organization != null ? organization : ContactDraft.text(detail.get("requester_id")));
        draft.put("product", intake.product());
        List<String> tags = tags(detail.get("tags"));
        draft.put("version", tagged(tags, "version"));
        draft.put("category", tagged(tags, "category"));
        draft.put("subject", ContactDraft.text(detail.get("subject")));
        draft.channel(ContactDraft.text(detail.path("via").get("channel")));
        for (String field : IntakeRequest.MAPPABLE) {
            if (intake.mapping().containsKey(field)) {
                draft.fromPointer(field, event, intake.mapping().get(field));
            }
        }
        if (!draft.has("receivedAt")) {
            draft.missing("receivedAt", "the event has no time and its ticket no created_at");
        }
        if (!draft.has("product")) {
            draft.missing("product", "the mapping's product pointer finds nothing and the intake has no product");
        }
        return true;
    }

    private static String instant(JsonNode value) {
        return value == null || value.isNull() ? null : ContactDraft.instant(value);
    }

    private static boolean isOpeningComment(JsonNode detail) {
        String created = ContactDraft.text(detail.get("created_at"));
        return created != null && created.equals(ContactDraft.text(detail.get("updated_at")));
    }

    /** Zendesk sends tags as an array; a space-separated text is read too. */
    private static List<String> tags(JsonNode node) {
        List<String> tags = new ArrayList<>();
        if (node == null) {
            return tags;
        }
        if (node.isArray()) {
            node.forEach(tag -> tags.add(tag.asText()));
        } else if (node.isTextual()) {
            tags.addAll(List.of(node.asText().trim().split("\\s+")));
        }
        return tags;
    }

    /** The rest of the first tag {@code <prefix>:<value>} or {@code <prefix>_<value>}, as written; null if none. */
    private static String tagged(List<String> tags, String prefix) {
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if ((lower.startsWith(prefix + ":") || lower.startsWith(prefix + "_")) && tag.length() > prefix.length() + 1) {
                return tag.substring(prefix.length() + 1);
            }
        }
        return null;
    }
}

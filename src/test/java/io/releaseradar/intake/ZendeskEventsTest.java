package io.releaseradar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.platform.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZendeskEventsTest {

    private static IntakeSource intake(Map<String, String> mapping, Map<String, String> channels) {
        return new IntakeSource("zendesk", IntakeFormat.ZENDESK, "s".repeat(16), "notes", mapping, channels);
    }

    private static ContactDraft read(IntakeSource intake, JsonNode event, boolean contact) {
        ContactDraft draft = new ContactDraft(IntakeSamples.JSON, intake.source(), intake.channels(),
                ZendeskChannels.DEFAULTS);
        assertThat(ZendeskEvents.read(intake, event, draft)).isEqualTo(contact);
        return draft;
    }

    @Test
    void theDocumentedTicketCreatedEventIsOneContactOfTheTicket() {
        ContactDraft draft = read(intake(Map.of(), Map.of()), IntakeSamples.load("zendesk-ticket-created.json"), true);
        assertThat(draft.valid()).isTrue();
        assertThat(IntakeSamples.JSON.convertValue(draft.contact(), Map.class)).isEqualTo(Map.of(
                "source", "zendesk", "externalId", "5158", "receivedAt", "2025-01-08T10:12:07Z",
                "customerId", "8447346622462", "product", "notes", "subject", "ticketinfo_2294a6e9ece2",
                "body", "ticket_info_desc_2294a6e9ece2", "channel", "other"));
    }

    @Test
    void versionAndCategoryComeFromTagsAndTheChannelFromViaChannel() {
        ObjectNode event = IntakeSamples.load("zendesk-ticket-created.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.putArray("tags").add("enterprise").add("version:3.3.0").add("category_sync").add("version:9.9");
        ((ObjectNode) detail.get("via")).put("channel", "phone_call_inbound");
        detail.putNull("organization_id");
        JsonNode contact = read(intake(Map.of(), Map.of()), event, true).contact();
        assertThat(contact.get("version").asText()).as("the first version tag").isEqualTo("3.3.0");
        assertThat(contact.get("category").asText()).isEqualTo("sync");
        assertThat(contact.get("channel").asText()).isEqualTo("phone");
        assertThat(contact.get("customerId").asText()).as("no organization: the requester")
                .isEqualTo("8447388090494");
    }

    @Test
    void theIntakesChannelsAndMappingOverrideTheBuiltInReading() {
        JsonNode contact = read(intake(Map.of("customerId", "/detail/requester_id"), Map.of("web_service", "web")),
                IntakeSamples.load("zendesk-ticket-created.json"), true).contact();
        assertThat(contact.get("channel").asText()).isEqualTo("web");
        assertThat(contact.get("customerId").asText()).isEqualTo("8447388090494");
    }

    @Test
    void aCustomersCommentIsOneContactKeyedByTicketAndComment() {
        ContactDraft draft = read(intake(Map.of(), Map.of()), IntakeSamples.load("zendesk-ticket-comment-added.json"),
                true);
        assertThat(draft.valid()).isTrue();
        JsonNode contact = draft.contact();
        assertThat(contact.get("externalId").asText()).isEqualTo("5158-10001");
        assertThat(contact.get("receivedAt").asText()).isEqualTo("2025-01-08T14:25:30.123456789Z");
        assertThat(contact.get("body").asText()).isEqualTo("comment_body_2294a6e9ece2");
        assertThat(contact.get("subject").asText()).isEqualTo("ticketinfo_2294a6e9ece2");
    }

    @Test
    void agentsCommentsTheOpeningCommentAndOtherEventsAreNoContact() {
        ObjectNode staff = IntakeSamples.load("zendesk-ticket-comment-added.json");
        ((ObjectNode) staff.at("/event/comment/author")).put("is_staff", true);
        read(intake(Map.of(), Map.of()), staff, false);

        ObjectNode opening = IntakeSamples.load("zendesk-ticket-comment-added.json");
        ((ObjectNode) opening.get("detail")).put("updated_at", "2025-01-08T10:12:07Z");
        read(intake(Map.of(), Map.of()), opening, false);

        ObjectNode status = IntakeSamples.load("zendesk-ticket-created.json");
        status.put("type", "zen:event-type:ticket.status_changed");
        read(intake(Map.of(), Map.of()), status, false);
    }

    @Test
    void aTicketEventWithoutTicketIdIsNamedNotStored() {
        ObjectNode event = IntakeSamples.load("zendesk-ticket-created.json");
        ((ObjectNode) event.get("detail")).remove("id");
        ContactDraft draft = read(intake(Map.of(), Map.of()), event, true);
        assertThat(draft.errors()).extracting(Problem.FieldError::field).containsExactly("externalId");

        ObjectNode notZendesk = IntakeSamples.JSON.createObjectNode().put("ticket", 1);
        assertThat(read(intake(Map.of(), Map.of()), notZendesk, true).errors())
                .extracting(Problem.FieldError::field).containsExactly("type");
    }
}

package io.releaseradar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.Problem;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointerMappingTest {

    private static final Instant ARRIVED = Instant.parse("2026-03-03T14:05:00.123456789Z");

    private static ContactDraft map(Map<String, String> mapping, String product, String payload) throws Exception {
        IntakeSource intake = new IntakeSource("hd", IntakeFormat.MAPPING, "s".repeat(16), product, mapping,
                Map.of("Portal", "web"));
        ContactDraft draft = new ContactDraft(IntakeSamples.JSON, "hd", intake.channels(),
                ContactDraft.CONTRACT_CHANNELS);
        PointerMapping.read(intake, IntakeSamples.JSON.readTree(payload), ARRIVED, draft);
        return draft;
    }

    @Test
    void withoutAReceivedAtPointerAContactIsDatedWhenItArrives() throws Exception {
        JsonNode contact = map(Map.of("externalId", "/id"), "notes", "{\"id\": 42}").contact();
        assertThat(contact.get("externalId").asText()).isEqualTo("42");
        assertThat(contact.get("receivedAt").asText()).isEqualTo("2026-03-03T14:05:00.123456Z");
        assertThat(contact.get("product").asText()).isEqualTo("notes");
        assertThat(contact.get("channel").asText()).isEqualTo("other");
    }

    @Test
    void instantsAreReadInJirasOffsetAndAsUnixTime() throws Exception {
        assertThat(map(Map.of("externalId", "/id", "receivedAt", "/at"), "notes",
                "{\"id\": 1, \"at\": \"2022-02-18T15:20:11.662+0530\"}").contact().get("receivedAt").asText())
                .isEqualTo("2022-02-18T15:20:11.662+05:30");
        assertThat(map(Map.of("externalId", "/id", "receivedAt", "/at"), "notes",
                "{\"id\": 1, \"at\": 1462941258113}").contact().get("receivedAt").asText())
                .isEqualTo("2016-05-11T04:34:18.113Z");
        assertThat(map(Map.of("externalId", "/id", "receivedAt", "/at"), "notes",
                "{\"id\": 1, \"at\": 1462941258}").contact().get("receivedAt").asText())
                .isEqualTo("2016-05-11T04:34:18Z");
    }

    @Test
    void channelsGoThroughTheIntakesMapAndContractNamesStand() throws Exception {
        assertThat(map(Map.of("externalId", "/id", "channel", "/c"), "notes", "{\"id\": 1, \"c\": \"Portal\"}")
                .contact().get("channel").asText()).isEqualTo("web");
        assertThat(map(Map.of("externalId", "/id", "channel", "/c"), "notes", "{\"id\": 1, \"c\": \"Phone\"}")
                .contact().get("channel").asText()).isEqualTo("phone");
        assertThat(map(Map.of("externalId", "/id", "channel", "/c"), "notes", "{\"id\": 1, \"c\": \"Fax\"}")
                .contact().get("channel").asText()).isEqualTo("other");
    }

    @Test
    void aRequiredPointerThatFindsNothingOrABlankIsNamed() throws Exception {
        assertThat(map(Map.of("externalId", "/ticket/id"), "notes", "{\"ticket\": {}}").errors())
                .containsExactly(new Problem.FieldError("externalId",
                        "the pointer /ticket/id finds nothing in the payload"));
        assertThat(map(Map.of("externalId", "/id", "receivedAt", "/at"), "notes", "{\"id\": 1, \"at\": \" \"}")
                .errors()).extracting(Problem.FieldError::field).containsExactly("receivedAt");
        assertThat(map(Map.of("externalId", "/id", "product", "/p"), null, "{\"id\": 1}").errors())
                .extracting(Problem.FieldError::field).containsExactly("product");
    }

    @Test
    void theFixedProductStandsInWhenThePayloadNamesNoneAndOptionalFieldsStayNull() throws Exception {
        JsonNode contact = map(Map.of("externalId", "/id", "product", "/p", "version", "/v", "customerId", "/c"),
                "notes", "{\"id\": 1, \"v\": \"\", \"c\": null}").contact();
        assertThat(contact.get("product").asText()).isEqualTo("notes");
        assertThat(contact.has("version")).isFalse();
        assertThat(contact.has("customerId")).isFalse();
    }

    @Test
    void aPointerToAnObjectOrArrayIsNamed() throws Exception {
        assertThat(map(Map.of("externalId", "/id", "category", "/tags"), "notes",
                "{\"id\": 1, \"tags\": [\"a\"]}").errors())
                .containsExactly(new Problem.FieldError("category",
                        "the pointer /tags finds an array, not a single value"));
    }
}

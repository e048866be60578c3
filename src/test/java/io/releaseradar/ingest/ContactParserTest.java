package io.releaseradar.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.platform.Problem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactParserTest {

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode valid() {
        ObjectNode node = json.createObjectNode();
        node.put("source", "zendesk").put("externalId", "ZD-1").put("receivedAt", "2026-03-01T14:00:00Z")
                .put("channel", "phone").put("customerId", "c-1").put("product", "notes").putNull("version")
                .put("category", "Sync").put("subject", "Notes gone").put("body", "All my notes vanished");
        return node;
    }

    private static String errorOf(ContactParser.Parsed parsed, String field) {
        return parsed.errors().stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message)
                .findFirst().orElse(null);
    }

    @Test
    void readsAValidContact() {
        ContactParser.Parsed parsed = ContactParser.parse(valid());
        assertTrue(parsed.valid(), parsed.reason());
        assertEquals(Instant.parse("2026-03-01T14:00:00Z"), parsed.contact().receivedAt());
        assertNull(parsed.contact().version());
        assertEquals("notes", parsed.contact().product());
    }

    @Test
    void acceptsAnOffsetAndNormalisesToTheInstant() {
        ContactParser.Parsed parsed = ContactParser.parse(valid().put("receivedAt", "2026-03-01T15:00:00+01:00"));
        assertEquals(Instant.parse("2026-03-01T14:00:00Z"), parsed.contact().receivedAt());
    }

    @Test
    void refusesATimestampWithoutZone() {
        ContactParser.Parsed parsed = ContactParser.parse(valid().put("receivedAt", "2026-03-01T14:00:00"));
        assertFalse(parsed.valid());
        assertTrue(errorOf(parsed, "receivedAt").contains("with a zone"));
    }

    @Test
    void refusesAnUnknownChannel() {
        ContactParser.Parsed parsed = ContactParser.parse(valid().put("channel", "pigeon"));
        assertTrue(errorOf(parsed, "channel").contains("one of phone"));
    }

    @Test
    void takesProductsAndVersionsAsSpelledButRefusesControlCharactersAndA101stCharacter() {
        ContactParser.Parsed spelled = ContactParser.parse(valid().put("product", "notes'; DROP TABLE contact;--")
                .put("version", "2024 R2 (build 7)"));
        assertTrue(spelled.valid());
        assertEquals("notes'; DROP TABLE contact;--", spelled.contact().product());
        assertEquals("2024 R2 (build 7)", spelled.contact().version());
        assertTrue(ContactParser.parse(valid().put("version", "v".repeat(100))).valid());
        // 100 characters outside the BMP are 200 UTF-16 units, still 100 characters
        assertTrue(ContactParser.parse(valid().put("version", "\uD83D\uDE80".repeat(100))).valid());

        for (String bad : new String[] {"v".repeat(101), "2.0\n", "2.0\r", "2.0\t", "2.0\u0000", "2.0\u007F",
                "2.0\u0085", ""}) {
            ContactParser.Parsed parsed = ContactParser.parse(valid().put("version", bad));
            assertFalse(parsed.valid(), bad);
            assertTrue(errorOf(parsed, "version").startsWith("must be 1-100 characters"), bad);
        }
        assertTrue(errorOf(ContactParser.parse(valid().put("product", "notes\u001b[31m")), "product")
                .contains("control character"));
    }

    @Test
    void refusesAnEmptyExternalId() {
        ContactParser.Parsed parsed = ContactParser.parse(valid().put("externalId", ""));
        assertEquals("must not be empty", errorOf(parsed, "externalId"));
    }

    @Test
    void refusesABodyOver64KiBButKeepsOneOfExactly64KiB() {
        assertFalse(ContactParser.parse(valid().put("body", "x".repeat(70 * 1024))).valid());
        assertTrue(ContactParser.parse(valid().put("body", "x".repeat(64 * 1024))).valid());
        // 3-byte characters: 21,846 of them are 65,538 bytes, over the limit though fewer chars than 64 Ki.
        assertFalse(ContactParser.parse(valid().put("body", "€".repeat(21_846))).valid());
    }

    @Test
    void reportsWrongTypesAndMissingFieldsTogether() {
        ObjectNode node = valid();
        node.remove("source");
        node.put("receivedAt", 12345);
        ContactParser.Parsed parsed = ContactParser.parse(node);
        assertEquals("is required", errorOf(parsed, "source"));
        assertEquals("must be a string", errorOf(parsed, "receivedAt"));
        assertTrue(parsed.reason().contains("source is required"));
        assertNull(parsed.source());
    }

    @Test
    void refusesANonObject() {
        assertFalse(ContactParser.parse(json.createArrayNode()).valid());
    }

    @Test
    void replacesNulCharactersPostgresCannotStore() {
        ContactParser.Parsed parsed = ContactParser.parse(valid().put("body", "a\u0000b"));
        assertEquals("a\uFFFDb", parsed.contact().body());
    }
}

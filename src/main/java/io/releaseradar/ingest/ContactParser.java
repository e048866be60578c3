package io.releaseradar.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Keys;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reads and validates one contact from JSON, with the same rules for REST and Kafka. */
public final class ContactParser {

    /** The contact channels the contract knows. */
    public static final Set<String> CHANNELS = Set.of("phone", "email", "chat", "web", "social", "other");
    /** Largest subject or body, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 64 * 1024;

    /** A contact, or the reasons it was refused (and the source it named, for metrics). */
    public record Parsed(ContactIn contact, List<io.releaseradar.platform.Problem.FieldError> errors, String reason,
            String source) {
        public boolean valid() {
            return contact != null;
        }
    }

    private ContactParser() {
    }

    public static Parsed parse(JsonNode node) {
        JsonItem item = JsonItem.of(node);
        String source = item.key("source", true, Keys::isSource, Keys.SOURCE_MESSAGE);
        String externalId = item.string("externalId", true, 200);
        Instant receivedAt = item.instant("receivedAt", true);
        String channel = item.string("channel", true, 20);
        if (channel != null && !CHANNELS.contains(channel)) {
            item.fail("channel", "must be one of phone, email, chat, web, social, other");
        }
        String customerId = item.string("customerId", false, 100);
        if (customerId != null && customerId.isBlank()) {
            item.fail("customerId", "must not be blank; send null when the customer is unknown");
        }
        String product = item.key("product", true, Keys::isProduct, Keys.PRODUCT_MESSAGE);
        String version = item.key("version", false, Keys::isVersion, Keys.VERSION_MESSAGE);
        String category = item.string("category", false, 200);
        String subject = item.string("subject", false, MAX_TEXT_BYTES);
        String body = item.string("body", false, MAX_TEXT_BYTES);
        if (!item.valid()) {
            return new Parsed(null, item.errors(), item.describeErrors(), source);
        }
        return new Parsed(new ContactIn(source, externalId, receivedAt, channel, customerId, product, version,
                category, subject, body), List.of(), null, source);
    }
}

package io.releaseradar.ingest;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A support contact as helpdesks send it, over REST or Kafka. */
@Schema(name = "Contact")
public record ContactIn(
        @Schema(required = true, example = "zendesk", description = "The helpdesk or system it came from")
        String source,
        @Schema(required = true, example = "ZD-881234", description = "Unique within source: the idempotency key")
        String externalId,
        @Schema(required = true, example = "2026-03-03T14:05:00Z") Instant receivedAt,
        @Schema(required = true, enumeration = {"phone", "email", "chat", "web", "social", "other"}, example = "phone")
        String channel,
        @Schema(nullable = true, example = "cust-0042") String customerId,
        @Schema(required = true, example = "notes") String product,
        @Schema(nullable = true, example = "2.4.0",
                description = "When null: the version the customer had installed at receivedAt") String version,
        @Schema(nullable = true, example = "Sync", description = "The helpdesk's own category") String category,
        @Schema(nullable = true, example = "Notes vanished after the update") String subject,
        @Schema(nullable = true, example = "Since updating this morning all my notes from last week are gone.",
                description = "Free text, up to 64 KiB") String body) {
}

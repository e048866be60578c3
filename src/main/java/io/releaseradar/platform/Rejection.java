package io.releaseradar.platform;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch item that was not stored: its zero-based position in the request and why. */
@Schema(name = "Rejection")
public record Rejection(@Schema(example = "3") int index,
        @Schema(example = "receivedAt must be an ISO-8601 instant with a zone, e.g. 2026-03-01T14:00:00Z") String error) {
}

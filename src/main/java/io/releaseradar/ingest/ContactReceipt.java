package io.releaseradar.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a single contact: its key, the version it was tied to, and whether it was already stored. */
@Schema(name = "ContactReceipt")
public record ContactReceipt(
        @Schema(example = "zendesk") String source,
        @Schema(example = "ZD-881234") String externalId,
        @Schema(example = "notes") String product,
        @Schema(nullable = true, example = "2.4.0",
                description = "The version given or resolved from the install base; null when neither was possible")
        String version,
        @Schema(example = "false", description = "true: this contact was already stored and nothing changed")
        boolean duplicate) {
}

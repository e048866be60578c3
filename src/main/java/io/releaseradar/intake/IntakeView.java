package io.releaseradar.intake;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An intake as the API shows it; the secret is never given back. */
@Schema(name = "Intake")
public record IntakeView(
        @Schema(example = "zendesk") String source,
        @Schema(example = "zendesk", enumeration = {"zendesk", "mapping"}) String format,
        @Schema(nullable = true, example = "notes") String product,
        @Schema(nullable = true, description = "Contact field to RFC 6901 JSON Pointer")
        Map<String, String> mapping,
        @Schema(nullable = true, description = "The helpdesk's channel value to phone, email, chat, web, social or "
                + "other") Map<String, String> channels) {
}

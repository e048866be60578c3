package io.releaseradar.installbase;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A customer as the install-base feed sends it. */
@Schema(name = "Customer")
public record CustomerIn(
        @Schema(required = true, example = "cust-0042") String id,
        @Schema(nullable = true, example = "Ada Lovelace") String name,
        @Schema(required = true, example = "ada@example.com") String email,
        @Schema(nullable = true, example = "en-GB") String locale,
        @Schema(example = "false", description = "true: never send this customer a notice") boolean optedOut) {
}

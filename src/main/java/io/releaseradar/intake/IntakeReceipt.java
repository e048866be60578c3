package io.releaseradar.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a helpdesk's call: how many contacts it stored, and how many it had already. */
@Schema(name = "IntakeReceipt")
public record IntakeReceipt(@Schema(example = "1") int accepted, @Schema(example = "0") int duplicates) {
}

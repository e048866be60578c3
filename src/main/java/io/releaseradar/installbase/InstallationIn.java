package io.releaseradar.installbase;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** From {@code installedAt} on, the customer runs {@code version} of {@code product}. */
@Schema(name = "Installation")
public record InstallationIn(
        @Schema(required = true, example = "cust-0042") String customerId,
        @Schema(required = true, example = "notes") String product,
        @Schema(required = true, example = "2.4.0") String version,
        @Schema(required = true, example = "2026-03-02T08:15:00Z") Instant installedAt) {
}

package io.releaseradar.releases;

import io.releaseradar.detection.core.VersionHealth;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A release as the API shows it. */
@Schema(name = "Release")
public record ReleaseView(
        @Schema(example = "notes") String product,
        @Schema(example = "2.4.0") String version,
        @Schema(example = "2026-03-01T09:00:00Z") Instant releasedAt,
        @Schema(example = "2.3.2", nullable = true) String previousVersion,
        @Schema(nullable = true, description = "The version's health as of the latest evaluation; null until the "
                + "version has been evaluated.")
        VersionHealth health) {

    /** This release with its health. */
    public ReleaseView withHealth(VersionHealth health) {
        return new ReleaseView(product, version, releasedAt, previousVersion, health);
    }
}

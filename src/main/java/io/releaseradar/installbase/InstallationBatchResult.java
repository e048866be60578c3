package io.releaseradar.installbase;

import io.releaseradar.platform.Rejection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an installation batch. */
@Schema(name = "InstallationBatchResult")
public record InstallationBatchResult(@Schema(example = "2") int accepted, @Schema(example = "0") int duplicates,
        List<Rejection> rejected) {
}

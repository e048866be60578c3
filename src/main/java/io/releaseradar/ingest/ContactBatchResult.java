package io.releaseradar.ingest;

import io.releaseradar.platform.Rejection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a contact batch. */
@Schema(name = "ContactBatchResult")
public record ContactBatchResult(@Schema(example = "9998") int accepted, @Schema(example = "1") int duplicates,
        List<Rejection> rejected) {
}

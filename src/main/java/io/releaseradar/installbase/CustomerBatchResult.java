package io.releaseradar.installbase;

import io.releaseradar.platform.Rejection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a customer batch. */
@Schema(name = "CustomerBatchResult")
public record CustomerBatchResult(@Schema(example = "2") int upserted, List<Rejection> rejected) {
}

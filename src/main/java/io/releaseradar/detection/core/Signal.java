package io.releaseradar.detection.core;

import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One piece of evidence, as the contract shows it.
 *
 * @param symptom the symptom key: {@code category:<name>} or a key phrase; null for all contacts
 * @param window how far back the evidence reaches from the evaluation's window end
 * @param observed distinct customers who contacted support with the symptom on the version in the window
 * @param expected customers expected at the baseline's rate for the version's exposure
 * @param rateRatio the version's rate over the baseline's
 * @param score evidence strength, -log10 of the (FDR-adjusted) p-value; larger is stronger
 * @param baseline what the version was compared with
 */
@Schema(name = "Signal")
public record Signal(@Schema(nullable = true, example = "lost note") String symptom,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "PT24H") Duration window, long observed, double expected, double rateRatio,
        double score, Baseline baseline) {

    /** The comparison population behind a signal. */
    public enum Baseline {
        /** The other versions of the product over the same window. */
        OTHER_VERSIONS,
        /** The version's predecessor at the same age since its release. */
        PREDECESSOR_SAME_AGE,
        /** A CUSUM since release against the other versions' daily rate. */
        CUSUM_SINCE_RELEASE,
        /** The whole product against its own previous week (product-wide surges). */
        PRODUCT_HISTORY
    }
}

package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The health of one version as of an instant, as the contract's health view shows it.
 *
 * @param enoughData false while the version has too little exposure to judge ("not enough data yet")
 */
@Schema(name = "ReleaseHealth")
public record VersionHealth(String product, String version, Instant asOf, Status status, int riskScore,
        long activeInstalls, long contacts, double contactRate, double baselineRate, double rateRatio,
        List<Signal> topSignals, boolean enoughData) {

    public VersionHealth {
        topSignals = List.copyOf(topSignals);
    }

    /** A version nothing is known about yet: no installs, no contacts, not enough data. */
    public static VersionHealth unknown(String product, String version, Instant asOf) {
        return new VersionHealth(product, version, asOf, Status.HEALTHY, 0, 0, 0, 0, 0, 0, List.of(), false);
    }

    /** Contract values. */
    @Schema(name = "HealthStatus")
    public enum Status {
        HEALTHY, WATCH, AT_RISK, CRITICAL
    }
}

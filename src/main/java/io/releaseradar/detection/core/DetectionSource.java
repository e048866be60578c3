package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the evaluator reads, in event time. Two implementations: the database (hourly rollups and installation
 * history) and the simulator's memory, so that the quality benchmark measures the code that runs live.
 * Every instant given here is a whole hour; ranges are half-open [from, to).
 */
public interface DetectionSource {

    /** Releases of the product with {@code releasedAt <= asOf}. */
    List<ReleaseInfo> releases(String product, Instant asOf);

    /**
     * Active installs of each version for each hour of [from, to): element i is the number of installations that
     * had begun by {@code from + i hours} and not ended by then. Hours before any install are 0.
     */
    Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to);

    /** Distinct customers per (version, symptom) over [from, to), summed over the hourly rollups; zeros omitted. */
    Map<VersionSymptom, Long> customers(String product, Instant from, Instant to);

    /** Distinct customers of the given symptom per version, per hour of [from, to). */
    Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to);
}

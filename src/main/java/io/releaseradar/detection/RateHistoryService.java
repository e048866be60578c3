package io.releaseradar.detection;

import io.releaseradar.detection.core.RateSeries;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A version's contact rate against the product's other versions over time, read from the hourly rollups and the
 * exposure as the evaluator reads them (the dashboard's chart).
 */
@ApplicationScoped
public class RateHistoryService {

    private final StoredDetectionSources sources;

    RateHistoryService(StoredDetectionSources sources) {
        this.sources = sources;
    }

    /** Buckets of {@code bucket} (whole hours) over [from, to), both truncated to the hour. */
    public RateSeries history(String product, String version, Instant from, Instant to, Duration bucket) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        int hours = (int) Duration.between(start, end).toHours();
        if (hours <= 0) {
            throw new IllegalArgumentException("the range must span at least one whole hour");
        }
        StoredDetectionSource source = sources.asOf(end);
        return RateSeries.of(version, start, hours, bucket, source.hourlyActiveInstalls(product, start, end),
                source.hourlyCustomers(product, "", start, end));
    }
}

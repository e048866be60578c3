package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.RateSeries;
import io.releaseradar.installbase.Exposure;
import io.releaseradar.releases.ReleaseCatalog;
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

    private final AgroalDataSource dataSource;
    private final Exposure exposure;
    private final ReleaseCatalog catalog;

    RateHistoryService(AgroalDataSource dataSource, Exposure exposure, ReleaseCatalog catalog) {
        this.dataSource = dataSource;
        this.exposure = exposure;
        this.catalog = catalog;
    }

    /** Buckets of {@code bucket} (whole hours) over [from, to), both truncated to the hour. */
    public RateSeries history(String product, String version, Instant from, Instant to, Duration bucket) {
        Instant start = from.truncatedTo(ChronoUnit.HOURS);
        Instant end = to.truncatedTo(ChronoUnit.HOURS);
        int hours = (int) Duration.between(start, end).toHours();
        if (hours <= 0) {
            throw new IllegalArgumentException("the range must span at least one whole hour");
        }
        StoredDetectionSource source = new StoredDetectionSource(dataSource, exposure, catalog, end);
        return RateSeries.of(version, start, hours, bucket, source.hourlyActiveInstalls(product, start, end),
                source.hourlyCustomers(product, "", start, end));
    }
}

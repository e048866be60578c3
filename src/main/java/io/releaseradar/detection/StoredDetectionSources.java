package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.releaseradar.installbase.Exposure;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Makes the evaluator's database source for one evaluation (evaluations, computed health, backtests, charts). */
@ApplicationScoped
class StoredDetectionSources {

    private final AgroalDataSource dataSource;
    private final Exposure exposure;
    private final ReleaseCatalog catalog;
    private final RollupHourCache cells;
    private final CurrentHourCustomers currentHour;
    /** The categories' hours up to the latest hour evaluated, for finding renames ({@link CategoryHoursCache}). */
    private final CategoryHoursCache categories = new CategoryHoursCache();
    /** Reads an evaluation starts ahead of need (exposure, the predecessors' days), beside its own reads. */
    private final ExecutorService reads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "radar-detection-read");
        t.setDaemon(true);
        return t;
    });

    StoredDetectionSources(AgroalDataSource dataSource, Exposure exposure, ReleaseCatalog catalog,
            RollupHourCache cells, CurrentHourCustomers currentHour) {
        this.dataSource = dataSource;
        this.currentHour = currentHour;
        this.exposure = exposure;
        this.catalog = catalog;
        this.cells = cells;
    }

    /**
     * A source that reads exposure known at {@code asOf} (once, then sliced for every window asked for). Called in a
     * transaction, it reads nothing ahead on other connections: they would not see what the transaction wrote.
     */
    StoredDetectionSource asOf(Instant asOf) {
        return new StoredDetectionSource(dataSource, new StoredDetectionSource.ExposureChanges(exposure, asOf), catalog,
                cells, categories, reads, !QuarkusTransaction.isActive()).withCurrentHour(currentHour);
    }

    /**
     * Sources for the steps of a backtest ending at {@code to}, one per evaluation, that read the exposure changes
     * once for all of them: every window a step asks for ends at or before its instant, so none sees later data.
     */
    Supplier<StoredDetectionSource> steps(Instant to) {
        StoredDetectionSource.ExposureChanges shared = new StoredDetectionSource.ExposureChanges(exposure, to);
        boolean readAhead = !QuarkusTransaction.isActive();
        return () -> new StoredDetectionSource(dataSource, shared, catalog, cells, categories, reads, readAhead)
                .withCurrentHour(currentHour);
    }

    /**
     * A source for a transaction that has written nothing yet (an evaluation's own): it may read ahead on other
     * connections, which see the same committed data.
     */
    StoredDetectionSource asOfInFreshTransaction(Instant asOf) {
        return new StoredDetectionSource(dataSource, new StoredDetectionSource.ExposureChanges(exposure, asOf), catalog,
                cells, categories, reads, true).withCurrentHour(currentHour);
    }

    @PreDestroy
    void stop() {
        reads.shutdownNow();
    }
}

package io.releaseradar.detection;

import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.VersionHealth;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.releases.ReleaseCatalog;
import io.releaseradar.releases.ReleaseHealth;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * Release health, read-only. Without asOf it is the latest evaluation's stored health, from memory
 * ({@link HealthCache}), so the view serves thousands of requests per second; with asOf, or before any evaluation,
 * it is computed as of that instant, with no effects.
 */
@ApplicationScoped
public class HealthService implements ReleaseHealth {

    private final HealthCache stored;
    private final StoredDetectionSources sources;
    private final ReleaseCatalog catalog;
    private final DetectionConfig config;
    private final InstantSource clock;

    HealthService(HealthCache stored, StoredDetectionSources sources, ReleaseCatalog catalog, DetectionConfig config,
            InstantSource clock) {
        this.stored = stored;
        this.sources = sources;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /** The version's health as of {@code asOf}, or the latest when asOf is null; 404 for an unknown release. */
    @Override
    public VersionHealth health(String product, String version, Instant asOf) {
        if (asOf == null) {
            // the hot path, from memory; a stored health implies a version detection knows
            VersionHealth latest = stored.latest(product).get(version);
            if (latest != null) {
                return latest;
            }
        }
        boolean known = catalog.list(product).stream().anyMatch(r -> r.version().equals(version));
        if (!known) {
            throw ProblemException.notFound("No release " + version + " of product '" + product + "' is known.");
        }
        Instant at = asOf != null ? asOf : clock.instant();
        return compute(product, at).health().stream().filter(h -> h.version().equals(version)).findFirst()
                .orElseGet(() -> VersionHealth.unknown(product, version, at));
    }

    /**
     * The version's latest stored health when this replica holds it in memory, else null (then ask {@link #health}
     * on a worker thread). Never blocks: the health view answers from here on the I/O thread.
     */
    @Override
    public VersionHealth heldLatest(String product, String version) {
        Map<String, VersionHealth> held = stored.held(product);
        return held == null ? null : held.get(version);
    }

    /** {@link #heldLatest} as the JSON the health view sends, written once per stored health; never blocks. */
    @Override
    public byte[] heldLatestJson(String product, String version) {
        return stored.heldJson(product, version);
    }

    /** The latest stored health of each version of the product (versions never evaluated are absent). */
    @Override
    public Map<String, VersionHealth> latest(String product) {
        return stored.latest(product);
    }

    Evaluation compute(String product, Instant asOf) {
        return Evaluator.evaluate(product, asOf, sources.asOf(asOf),
                config.settings());
    }
}

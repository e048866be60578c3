package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.releaseradar.alerts.AlertChanges;
import io.releaseradar.alerts.AlertSamples;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.installbase.Exposure;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates every product as of an instant, with effects: stores each version's health and hands the findings to
 * alerts (which notify subscribers). The scheduler and {@code POST /detection/evaluate} both come here. A
 * PostgreSQL advisory lock held for the transaction makes evaluations run one at a time across replicas.
 */
@ApplicationScoped
public class DetectionService {

    /** Advisory lock key of "an evaluation is running" (any number, the same on every replica). */
    static final long EVALUATION_LOCK = 0x52616461724576L;

    /** What one evaluation changed. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "EvaluationResult")
    public record Report(Instant asOf, List<AlertView> opened, List<AlertView> updated) {
    }

    private final AgroalDataSource dataSource;
    private final Exposure exposure;
    private final ReleaseCatalog catalog;
    private final HealthStore health;
    private final AlertService alerts;
    private final AlertSamples samples;
    private final DetectionConfig config;
    private final MeterRegistry metrics;

    DetectionService(AgroalDataSource dataSource, Exposure exposure, ReleaseCatalog catalog, HealthStore health,
            AlertService alerts, AlertSamples samples, DetectionConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.exposure = exposure;
        this.catalog = catalog;
        this.health = health;
        this.alerts = alerts;
        this.samples = samples;
        this.config = config;
        this.metrics = metrics;
    }

    /** Evaluates as of {@code asOf}, waiting for an evaluation running elsewhere to finish first. */
    @Transactional
    public Report evaluate(Instant asOf) {
        lock(true);
        return run(asOf);
    }

    /** Evaluates as of {@code asOf} unless another replica is evaluating right now; then returns null. */
    @Transactional
    public Report evaluateUnlessBusy(Instant asOf) {
        return lock(false) ? run(asOf) : null;
    }

    private Report run(Instant asOf) {
        Timer.Sample started = Timer.start(metrics);
        List<AlertView> opened = new ArrayList<>();
        List<AlertView> updated = new ArrayList<>();
        for (String product : activeProducts(asOf)) {
            Evaluation e = Evaluator.evaluate(product, asOf,
                    new StoredDetectionSource(dataSource, exposure, catalog, asOf), config.settings());
            health.save(e.health());
            AlertChanges changes = alerts.apply(product, asOf, e.findings(),
                    samples.asOf(asOf));
            opened.addAll(changes.opened());
            updated.addAll(changes.updated());
        }
        started.stop(metrics.timer("radar_evaluation_duration"));
        metrics.counter("radar_evaluations_total").increment();
        return new Report(asOf, opened, updated);
    }

    /**
     * Products with contacts in the evaluator's longest look-back before asOf; the others have nothing to judge,
     * and their stored health is the one computed when their last contacts left the windows.
     */
    private List<String> activeProducts(Instant asOf) {
        Instant end = asOf.truncatedTo(ChronoUnit.HOURS);
        // the evaluator's longest look-back: the CUSUM's days, or a day plus the surge test's week
        Instant from = end.minus(Duration.ofDays(Math.max(config.cusumDays(), 8)));
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT p FROM unnest(?::text[]) p WHERE EXISTS (
                  SELECT 1 FROM hourly_rollup r WHERE r.product = p AND r.hour >= ? AND r.hour < ?) ORDER BY p""")) {
            s.setArray(1, c.createArrayOf("text", catalog.products().toArray()));
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(end));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not list active products", e);
        }
    }

    private boolean lock(boolean wait) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                wait ? "SELECT pg_advisory_xact_lock(?), true" : "SELECT true, pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, EVALUATION_LOCK);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(2);
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not take the evaluation lock", e);
        }
    }
}

package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates every product as of an instant, with effects: stores each version's health and publishes each
 * evaluation ({@link ProductEvaluated}), which alerts observe (and notify subscribers). The scheduler and
 * {@code POST /detection/evaluate} (through alerts, which answers with the alerts it changed) both come here. Each
 * product is evaluated in a transaction of its own under a PostgreSQL advisory lock of its own
 * ({@link EvaluationRuns}), so replicas share the products: two never evaluate the same product at once, and
 * different products in parallel.
 */
@ApplicationScoped
public class DetectionService {

    /** What one evaluation of every product evaluated: the products' evaluations, in product order. */
    public record Report(Instant asOf, List<Evaluation> evaluations) {
    }

    /**
     * What one scheduled turn did, in products: evaluated here, skipped because a replica had already evaluated them
     * in the turn's interval, and skipped because another replica was evaluating them (twice in a row).
     */
    public record Turn(Instant asOf, int evaluated, int alreadyEvaluated, int locked) {
    }

    private enum Outcome { EVALUATED, ALREADY_EVALUATED, LOCKED }

    private record ProductResult(Outcome outcome, Evaluation evaluation) {
    }

    private final AgroalDataSource dataSource;
    private final StoredDetectionSources sources;
    private final ReleaseCatalog catalog;
    private final HealthCache health;
    private final Event<ProductEvaluated> evaluated;
    private final EvaluationRuns runs;
    private final DetectionConfig config;
    private final MeterRegistry metrics;
    private final String instance;

    DetectionService(AgroalDataSource dataSource, StoredDetectionSources sources, ReleaseCatalog catalog,
            HealthCache health, Event<ProductEvaluated> evaluated, EvaluationRuns runs, DetectionConfig config,
            MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.sources = sources;
        this.catalog = catalog;
        this.health = health;
        this.evaluated = evaluated;
        this.runs = runs;
        this.config = config;
        this.metrics = metrics;
        this.instance = config.instanceName().orElseGet(DetectionService::hostAndPid);
    }

    /**
     * Evaluates every active product as of {@code asOf}, waiting for a product another replica is evaluating right
     * now. Each product commits on its own; called inside a transaction (the demo's replay), it joins that one and
     * holds the products' locks until it ends.
     */
    public Report evaluate(Instant asOf) {
        Timer.Sample started = Timer.start(metrics);
        List<Evaluation> evaluations = new ArrayList<>();
        for (String product : activeProducts(asOf)) {
            evaluations.add(evaluateProduct(product, asOf, true, null, null).evaluation());
        }
        started.stop(metrics.timer("radar_evaluation_duration"));
        metrics.counter("radar_evaluations_total").increment();
        return new Report(asOf, evaluations);
    }

    /**
     * One scheduled turn as of {@code asOf}, shared with the other replicas: the active products in a random order,
     * each skipped when some replica already evaluated it as of an instant in [{@code intervalStart},
     * {@code intervalEnd}) or is evaluating it right now. Products found locked are tried once more at the end, so
     * that a replica that died holding one (its transaction rolled back) is made up for in the same turn.
     */
    public Turn evaluateShared(Instant asOf, Instant intervalStart, Instant intervalEnd) {
        Timer.Sample started = Timer.start(metrics);
        List<String> products = new ArrayList<>(activeProducts(asOf));
        // different replicas start at different products, so that a turn they begin together splits the work
        Collections.shuffle(products);
        int evaluated = 0;
        int already = 0;
        List<String> locked = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            List<String> todo = pass == 0 ? products : List.copyOf(locked);
            locked.clear();
            for (String product : todo) {
                switch (evaluateProduct(product, asOf, false, intervalStart, intervalEnd).outcome()) {
                    case EVALUATED -> evaluated++;
                    case ALREADY_EVALUATED -> already++;
                    case LOCKED -> locked.add(product);
                }
            }
        }
        started.stop(metrics.timer("radar_evaluation_duration"));
        metrics.counter("radar_evaluations_total").increment();
        return new Turn(asOf, evaluated, already, locked.size());
    }

    /**
     * Holds the product's evaluation lock until the caller's transaction ends: scheduled turns skip the product
     * meanwhile (the demo loads and replays a product this way without the live scheduler evaluating it halfway).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdProduct(String product) {
        runs.lock(product, true);
    }

    private ProductResult evaluateProduct(String product, Instant asOf, boolean wait, Instant freshFrom,
            Instant freshTo) {
        // in a transaction of its own (not the demo's replay, which wrote data first), it may read ahead elsewhere
        boolean fresh = !QuarkusTransaction.isActive();
        ProductResult result = QuarkusTransaction.joiningExisting().call(() -> {
            Optional<Instant> started = runs.lock(product, wait);
            if (started.isEmpty()) {
                return new ProductResult(Outcome.LOCKED, null);
            }
            if (freshFrom != null && runs.evaluatedBetween(product, freshFrom, freshTo)) {
                return new ProductResult(Outcome.ALREADY_EVALUATED, null);
            }
            StoredDetectionSource source = fresh ? sources.asOfInFreshTransaction(asOf) : sources.asOf(asOf);
            Evaluation e = Evaluator.evaluate(product, asOf, source, config.settings());
            health.save(product, e.health());
            evaluated.fire(new ProductEvaluated(product, asOf, e));
            runs.record(product, asOf, instance, started.get());
            return new ProductResult(Outcome.EVALUATED, e);
        });
        metrics.counter("radar_product_evaluations_total", "outcome",
                result.outcome().name().toLowerCase(Locale.ROOT)).increment();
        return result;
    }

    /**
     * Products with contacts in the evaluator's longest look-back before asOf; the others have nothing to judge,
     * and their stored health is the one computed when their last contacts left the windows.
     */
    private List<String> activeProducts(Instant asOf) {
        Instant hour = asOf.truncatedTo(ChronoUnit.HOURS);
        // as of an instant within an hour the evaluator counts that hour too (EvaluationInput#load)
        Instant end = hour.equals(asOf) ? hour : hour.plus(Duration.ofHours(1));
        // the evaluator's longest look-back: the CUSUM's days, or a day plus the surge test's week
        Instant from = hour.minus(Duration.ofDays(Math.max(config.cusumDays(), 8)));
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

    private static String hostAndPid() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}

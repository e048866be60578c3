package io.releaseradar.detection;

import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the live evaluator at every step of a stored period, as if live, keeping the alerts in memory with the
 * same lifecycle: nothing is stored, nothing is sent. Each step reads only data with event time up to that step.
 */
@ApplicationScoped
public class BacktestService {

    /** The contract's limit on evaluations per backtest. */
    public static final int MAX_STEPS = 5_000;

    /** An alert the backtest would have opened; severity, summary and signals as of its strongest evidence. */
    public record BacktestAlert(String version, Instant openedAt, Severity severity, String summary,
            List<Signal> signals) {
    }

    /** The answer. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "BacktestResult")
    public record Result(String product, Instant from, Instant to, Duration step, int evaluations,
            List<BacktestAlert> alerts) {
    }

    private final StoredDetectionSources sources;
    private final ReleaseCatalog catalog;
    private final DetectionConfig config;
    private final AlertReplay replay;

    BacktestService(StoredDetectionSources sources, ReleaseCatalog catalog, DetectionConfig config,
            AlertReplay replay) {
        this.sources = sources;
        this.catalog = catalog;
        this.config = config;
        this.replay = replay;
    }

    @Transactional
    public Result run(String product, Instant from, Instant to, Duration step) {
        if (!catalog.products().contains(product)) {
            throw ProblemException.notFound("No product '" + product + "' is known.");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (to.isBefore(from)) {
            errors.add(new Problem.FieldError("to", "must not be before from"));
        }
        if (step.isNegative() || step.isZero()) {
            errors.add(new Problem.FieldError("step", "must be a positive duration, e.g. PT1H"));
        } else if (!to.isBefore(from) && Duration.between(from, to).dividedBy(step) + 1 > MAX_STEPS) {
            errors.add(new Problem.FieldError("step", "from..to at this step is more than " + MAX_STEPS
                    + " evaluations; use a longer step or a shorter period"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The backtest cannot run as asked.", errors);
        }
        // A source per step, all sharing the exposure read once as of the end
        Supplier<StoredDetectionSource> steps = sources.steps(to);
        Map<String, AlertReplay.Open> open = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        List<BacktestAlert> alerts = new ArrayList<>();
        int evaluations = 0;
        for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
            Evaluation e = Evaluator.evaluate(product, t, steps.get(), config.settings());
            evaluations++;
            for (Finding f : e.findings()) {
                String key = f.version() == null ? "" : f.version();
                AlertReplay.Decision d = replay.decide(open.get(key), f, t);
                switch (d.action()) {
                    case OPEN -> {
                        index.put(key, alerts.size());
                        alerts.add(new BacktestAlert(f.version(), t, d.alert().severity(), f.summary(), f.signals()));
                    }
                    case UPDATE -> {
                        BacktestAlert was = alerts.get(index.get(key));
                        alerts.set(index.get(key), new BacktestAlert(was.version(), was.openedAt(),
                                d.alert().severity(), f.summary(), f.signals()));
                    }
                    case NONE -> {
                    }
                }
                if (d.action() != AlertReplay.Action.NONE) {
                    open.put(key, d.alert());
                }
            }
        }
        return new Result(product, from, to, step, evaluations, alerts);
    }
}

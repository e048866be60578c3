package io.releaseradar.alerts;

import io.releaseradar.detection.DetectionService;
import io.releaseradar.detection.ProductEvaluated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts from evaluations: applies each product's findings as detection publishes them ({@link ProductEvaluated},
 * inside the evaluation's transaction), whoever started the evaluation (the scheduler, the demo, the API), and runs
 * an evaluation on demand reporting what it changed.
 */
@ApplicationScoped
public class EvaluationAlerts {

    private final AlertService alerts;
    private final AlertSamples samples;
    private final DetectionService detection;
    /**
     * The changes of the {@link #evaluate} running on this thread, if any: the observer runs synchronously on the
     * evaluating thread, so this collects exactly that call's changes and nothing of a concurrent scheduled turn.
     */
    private final ThreadLocal<List<AlertChanges>> collecting = new ThreadLocal<>();

    EvaluationAlerts(AlertService alerts, AlertSamples samples, DetectionService detection) {
        this.alerts = alerts;
        this.samples = samples;
        this.detection = detection;
    }

    void onEvaluated(@Observes ProductEvaluated e) {
        AlertChanges changes = alerts.apply(e.product(), e.asOf(), e.evaluation().findings(), samples.asOf(e.asOf()));
        List<AlertChanges> report = collecting.get();
        if (report != null) {
            report.add(changes);
        }
    }

    /**
     * Evaluates every product as of {@code asOf} ({@link DetectionService#evaluate}) and reports the alerts it
     * opened and updated.
     */
    public EvaluationReport evaluate(Instant asOf) {
        List<AlertChanges> changes = new ArrayList<>();
        List<AlertChanges> outer = collecting.get();
        collecting.set(changes);
        try {
            detection.evaluate(asOf);
        } finally {
            if (outer == null) {
                collecting.remove();
            } else {
                collecting.set(outer);
            }
        }
        List<AlertView> opened = new ArrayList<>();
        List<AlertView> updated = new ArrayList<>();
        for (AlertChanges c : changes) {
            opened.addAll(c.opened());
            updated.addAll(c.updated());
        }
        return new EvaluationReport(asOf, opened, updated);
    }
}

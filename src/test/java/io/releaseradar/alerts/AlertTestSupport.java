package io.releaseradar.alerts;

import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Applies fabricated findings in a transaction, as the detection service does, and records the {@link AlertChanged}
 * events with whether a transaction was active when they fired.
 */
@ApplicationScoped
public class AlertTestSupport {

    /** An event as observed. */
    public record Seen(AlertChanged event, boolean inTransaction) {
    }

    private final AlertService alerts;
    private final TransactionManager transactions;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    AlertTestSupport(AlertService alerts, TransactionManager transactions) {
        this.alerts = alerts;
        this.transactions = transactions;
    }

    @Transactional
    public AlertChanges apply(String product, Instant asOf, List<Finding> findings,
            Function<Finding, List<AlertView.SampleContact>> samples) {
        return alerts.apply(product, asOf, findings, samples);
    }

    public AlertChanges apply(String product, Instant asOf, Finding... findings) {
        return apply(product, asOf, List.of(findings), f -> List.of());
    }

    /** Applies, then fails, so that the transaction rolls back. */
    @Transactional
    public void applyAndFail(String product, Instant asOf, Finding finding) {
        alerts.apply(product, asOf, List.of(finding), f -> List.of());
        throw new IllegalStateException("rolled back on purpose");
    }

    void record(@Observes AlertChanged event) throws SystemException {
        seen.add(new Seen(event, transactions.getStatus() == Status.STATUS_ACTIVE));
    }

    /** The events about alerts of this product, in firing order. */
    public List<Seen> events(String product) {
        return seen.stream().filter(s -> s.event().alert().product().equals(product)).toList();
    }

    /** A finding with one 24 h signal per given symptom-less score, e.g. as the evaluator builds them. */
    public static Finding finding(String product, String version, Severity severity, double score) {
        return finding(product, version, severity, score, "lost note");
    }

    public static Finding finding(String product, String version, Severity severity, double score, String symptom) {
        List<Signal> signals = List.of(
                new Signal(symptom, Duration.ofHours(24), 12, 2.5, 4.8, score, Signal.Baseline.OTHER_VERSIONS),
                new Signal(null, Duration.ofHours(72), 30, 14.25, 2.11, score / 2, Signal.Baseline.OTHER_VERSIONS));
        return new Finding(product, version, severity, score, symptom, 12, 0.012, signals,
                product + " " + version + ": \"" + symptom + "\" from 12 customers in 24 h, 4.8x the other versions"
                        + " (1.2% of its installs)");
    }
}

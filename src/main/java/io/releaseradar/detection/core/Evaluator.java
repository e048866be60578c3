package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one product as of an instant: which versions draw more customers to support than their baselines, for
 * which symptom, and how healthy each version is. Reads only data with event time before {@code asOf} (complete
 * hours, and the hour so far from its contacts when the source counts it), so the same {@code asOf} always gives the
 * same answer and a replay agrees with live.
 *
 * <p>A pipeline, each stage in its own class:
 * <ol>
 *   <li>{@link EvaluationInput}: load what the evaluation reads, once;</li>
 *   <li>detectors, each a test of one kind: {@link ConcurrentRateDetector} (against the other versions over the
 *       same window) and {@link PredecessorDetector} (against the predecessor at the same age, when no other version
 *       runs);</li>
 *   <li>{@link Multiplicity}: Benjamini–Hochberg over all their tests, and what a discovery must also pass;</li>
 *   <li>{@link CusumDetector}: slow ramps since release, a signal of its own;</li>
 *   <li>{@link FindingBuilder} and {@link HealthBuilder}: each version's finding and health;</li>
 *   <li>{@link ProductSurgeDetector}: a surge of the whole product, a product-wide finding, never a version one.</li>
 * </ol>
 * A new idea is a new detector, not a new branch here.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(String product, Instant asOf, DetectionSource source, DetectionSettings s) {
        EvaluationInput in = EvaluationInput.load(product, asOf, source, s);
        // the concurrent tests of every version first, then the predecessors': Multiplicity.sustained relies on it
        List<Candidate> candidates = new ArrayList<>();
        for (String v : in.versions()) {
            if (in.enoughData(v)) {
                candidates.addAll(ConcurrentRateDetector.tests(in, v));
            }
        }
        candidates.addAll(PredecessorDetector.tests(in));
        Multiplicity.Outcome decided = Multiplicity.decide(in, candidates);
        Map<String, List<Signal>> signals = decided.signals();
        Map<String, List<Candidate>> nearMisses = decided.nearMisses();
        for (String v : in.versions()) {
            if (in.enoughData(v)) {
                Signal cusum = CusumDetector.signal(in, v);
                if (cusum != null) {
                    signals.computeIfAbsent(v, k -> new ArrayList<>()).add(cusum);
                }
            }
        }
        FindingBuilder.holdBackWeakEvidence(in, signals, nearMisses);

        List<Finding> findings = new ArrayList<>();
        List<VersionHealth> health = new ArrayList<>();
        for (String v : in.versions()) {
            List<Signal> mine = signals.getOrDefault(v, List.of());
            Finding f = mine.isEmpty() ? null
                    : FindingBuilder.finding(in, v, mine, nearMisses.getOrDefault(v, List.of()));
            if (f != null) {
                findings.add(f);
            }
            health.add(HealthBuilder.health(in, v, f, nearMisses.getOrDefault(v, List.of())));
        }
        Finding surge = ProductSurgeDetector.finding(in, findings.stream().map(Finding::version).toList());
        if (surge != null) {
            findings.add(surge);
        }
        return new Evaluation(product, asOf, in.end(), findings, health);
    }
}

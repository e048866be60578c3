package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of evaluating one product as of an instant. {@code windowEnd} is where the windows end: {@code asOf}
 * truncated to the hour, or that hour's end when the source counts the hour so far (its contacts received before
 * {@code asOf}; see {@code EvaluationInput#load}). Either way an evaluation never sees data after {@code asOf}.
 */
public record Evaluation(String product, Instant asOf, Instant windowEnd, List<Finding> findings,
        List<VersionHealth> health) {

    public Evaluation {
        findings = List.copyOf(findings);
        health = List.copyOf(health);
    }
}

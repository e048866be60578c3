package io.releaseradar.detection;

import io.releaseradar.detection.core.Evaluation;
import java.time.Instant;

/**
 * One product was evaluated as of an instant and its health stored: fired synchronously inside the product's
 * evaluation transaction (under its lock), so that what observers write (alerts, and through them the subscribers'
 * outbox rows) commits or rolls back with the evaluation. Detection publishes; alerts observes, detection never
 * calls alerts.
 */
public record ProductEvaluated(String product, Instant asOf, Evaluation evaluation) {
}

package io.releaseradar.alerts;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one evaluation of every product changed in the alerts. */
@Schema(name = "EvaluationResult")
public record EvaluationReport(Instant asOf, List<AlertView> opened, List<AlertView> updated) {
}

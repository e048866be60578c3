package io.releaseradar.alerts.notify;

import io.releaseradar.detection.core.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A subscription as the API shows it. The secret is never given back: {@code webhookSecret} is always null and
 * {@code webhookSigned} says whether one is set.
 */
@Schema(name = "Subscription")
public record SubscriptionView(
        @Schema(example = "sync-oncall") String id,
        @Schema(nullable = true, example = "notes", description = "null: every product") String product,
        @Schema(example = "HIGH") Severity minSeverity,
        @Schema(nullable = true, example = "sync-oncall@example.com") String email,
        @Schema(nullable = true, example = "https://hooks.example.com/release-radar") String webhookUrl,
        @Schema(nullable = true, description = "Always null: the secret is write-only") String webhookSecret,
        @Schema(description = "Whether webhook calls carry an X-Radar-Signature") boolean webhookSigned) {
}

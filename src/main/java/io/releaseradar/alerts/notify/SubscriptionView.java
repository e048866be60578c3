package io.releaseradar.alerts.notify;

import io.releaseradar.detection.core.Severity;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A subscription as the API shows it. Secrets are never given back: {@code webhookSecret} and {@code routingKey} are
 * always null, and {@code webhookSigned} says whether a webhook secret is set.
 */
@Schema(name = "Subscription")
public record SubscriptionView(
        @Schema(example = "sync-oncall") String id,
        @Schema(nullable = true, example = "notes", description = "null: every product") String product,
        @Schema(example = "HIGH") Severity minSeverity,
        @Schema(nullable = true, example = "sync-oncall@example.com") String email,
        @Schema(nullable = true, example = "https://hooks.example.com/release-radar") String webhookUrl,
        @Schema(nullable = true, description = "Always null: the secret is write-only") String webhookSecret,
        @Schema(description = "Whether webhook calls carry an X-Radar-Signature") boolean webhookSigned,
        @Schema(enumeration = {"webhook", "slack", "teams", "pagerduty"}, example = "webhook",
                description = "What listens at webhookUrl") String kind,
        @Schema(nullable = true, description = "Always null: the PagerDuty routing key is write-only")
        String routingKey) {
}

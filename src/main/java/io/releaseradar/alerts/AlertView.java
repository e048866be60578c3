package io.releaseradar.alerts;

import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An alert as the API shows it (contract: Alert). {@code regressed}, {@code reason}, {@code rolloutHoldRequestedAt}
 * and {@code autoNoticeId} extend the contract.
 *
 * @param version null for a product-wide alert
 * @param regressed opened again after an earlier alert of the same version had been resolved
 * @param reason why it was acknowledged, resolved or dismissed, when given
 * @param rolloutHoldRequestedAt when the release tooling was asked to pause the version's rollout (queued then, see
 *        {@code radar.alerts.rollout-hold.url}); null: never
 * @param autoNoticeId the customer notice the product's notice policy created for this alert; null: none
 */
@Schema(name = "Alert")
public record AlertView(UUID id, String product, @Schema(nullable = true) String version, Severity severity,
        Status status,
        Instant openedAt, Instant updatedAt, String summary, List<Signal> signals, List<SampleContact> sampleContacts,
        boolean regressed, @Schema(nullable = true) String reason,
        @Schema(nullable = true) Instant rolloutHoldRequestedAt, @Schema(nullable = true) UUID autoNoticeId) {

    /** Contract values. */
    @Schema(name = "AlertStatus")
    public enum Status {
        OPEN, ACKNOWLEDGED, RESOLVED, DISMISSED;

        public boolean active() {
            return this == OPEN || this == ACKNOWLEDGED;
        }
    }

    /** A verbatim contact shown as an example of what customers report. */
    @Schema(name = "SampleContact")
    public record SampleContact(String source, String externalId, Instant receivedAt, String subject) {
    }
}

package io.releaseradar.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A notice as the API shows it. Contract fields: id, status, audienceSize, deliveries; the rest extends it.
 *
 * @param audienceSize customers who will be (or were) mailed: the audience less the suppressed
 * @param audienceAsOf the instant (event time) the audience was taken at: creation for a draft, approval after
 * @param auto created and approved by the product's notice policy
 * @param translations subject and body per language tag, placeholders filled like the default text's
 */
@Schema(name = "Notice")
public record NoticeView(UUID id, String product, String version, @Schema(nullable = true) UUID alertId,
        Audience audience, String subject, String body, Map<String, Translation> translations, Status status,
        int audienceSize, Instant audienceAsOf,
        boolean auto, Instant createdAt, @Schema(nullable = true) Instant approvedAt,
        @Schema(nullable = true) Instant finishedAt, Deliveries deliveries, List<AuditEntry> audit) {

    /** Contract values, plus CANCELLED. */
    @Schema(name = "NoticeStatus")
    public enum Status {
        DRAFT, SENDING, SENT, CANCELLED
    }

    /**
     * Deliveries by state. pending: not sent yet (including the one being handed to SMTP); failed: given up after
     * retries or a permanent rejection; suppressed: left out (see the preview's breakdown); cancelled: pending when
     * the notice was cancelled.
     */
    @Schema(name = "NoticeDeliveries")
    public record Deliveries(int pending, int sent, int failed, int suppressed, int cancelled) {

        static final Deliveries NONE = new Deliveries(0, 0, 0, 0, 0);
    }

    /** Who did what, when. actor: the user's name from their token, or {@code policy} / {@code system}. */
    @Schema(name = "NoticeAuditEntry")
    public record AuditEntry(String action, String actor, Instant at) {
    }
}

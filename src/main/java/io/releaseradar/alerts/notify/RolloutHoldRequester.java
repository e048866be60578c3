package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.alerts.AlertChanged;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Asks the release tooling to pause the rollout of a version when an alert about it opens as CRITICAL or rises to
 * CRITICAL, if {@code radar.alerts.rollout-hold.url} is set: queues one ROLLOUT_HOLD outbox row per alert (ever) in
 * the transaction that changed the alert, and records the time on the alert. Product-wide alerts name no version to
 * pause and never ask.
 */
@ApplicationScoped
public class RolloutHoldRequester {

    /**
     * The body of a hold request, signed and sent as is.
     *
     * @param action always {@code PAUSE_ROLLOUT}
     * @param requestedAt when the request was queued (the alert's rolloutHoldRequestedAt)
     */
    record Request(String action, String product, String version, UUID alertId, Severity severity, String summary,
            Instant requestedAt) {
    }

    private final AlertOutbox outbox;
    private final AlertService alerts;
    private final AlertNotifyConfig config;
    private final ObjectMapper json;
    private final InstantSource clock;

    RolloutHoldRequester(AlertOutbox outbox, AlertService alerts, AlertNotifyConfig config, ObjectMapper json,
            InstantSource clock) {
        this.outbox = outbox;
        this.alerts = alerts;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** Opened as CRITICAL, or raised to it; and about one version. */
    static boolean asksForHold(AlertChanged event) {
        return event.alert().version() != null && event.alert().severity() == Severity.CRITICAL
                && event.notifiesSubscribers();
    }

    // MANDATORY, as AlertOutboxWriter: a request queued outside the alert's transaction could outlive a rollback.
    @Transactional(Transactional.TxType.MANDATORY)
    void onAlertChanged(@Observes AlertChanged event) {
        if (config.rolloutHold().url().isEmpty() || !asksForHold(event)) {
            return;
        }
        AlertView alert = event.alert();
        // When it was asked for (wall time through the injected clock), not the evaluation's asOf: a replay of an
        // earlier instant still asks now. Microseconds, as PostgreSQL keeps them, so the body and the alert agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String payload;
        try {
            payload = json.writeValueAsString(new Request("PAUSE_ROLLOUT", alert.product(), alert.version(),
                    alert.id(), alert.severity(), alert.summary(), now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the rollout hold request of alert " + alert.id(), e);
        }
        try {
            if (outbox.enqueueRolloutHold(event, payload, now)) {
                alerts.recordRolloutHoldRequested(alert.id(), now);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue the rollout hold request of alert " + alert.id(), e);
        }
    }
}

package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.alerts.AlertChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * Turns alert changes into outbox rows inside the transaction that changed the alert, so that a message goes out
 * if and only if the change commits: e-mails and webhook calls to matching subscriptions when the alert opened or
 * its severity rose, a resolve event to the PagerDuty subscribers paged for it when it is resolved or dismissed,
 * and a Kafka record for every change (when a broker is configured).
 */
@ApplicationScoped
public class AlertOutboxWriter {

    private final AlertOutbox outbox;
    private final AlertFeedPublisher feed;
    private final ObjectMapper json;
    private final InstantSource clock;

    AlertOutboxWriter(AlertOutbox outbox, AlertFeedPublisher feed, ObjectMapper json, InstantSource clock) {
        this.outbox = outbox;
        this.feed = feed;
        this.json = json;
        this.clock = clock;
    }

    // MANDATORY: rows written outside the alert's transaction could announce a change that then rolls back.
    @Transactional(Transactional.TxType.MANDATORY)
    void onAlertChanged(@Observes AlertChanged event) {
        // The same mapper as the REST API, so subscribers and the feed see the Alert JSON GET /alerts shows.
        String payload;
        try {
            payload = json.writeValueAsString(event.alert());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write alert " + event.alert().id() + " as JSON", e);
        }
        try {
            if (event.notifiesSubscribers()) {
                outbox.enqueueDeliveries(event, payload, clock.instant());
            }
            if (AlertOutbox.CLOSING_CHANGES.contains(event.change().name())) {
                outbox.enqueueClosings(event, payload, clock.instant());
            }
            if (feed.enabled()) {
                outbox.enqueueFeedRecord(event, payload, event.change() + ":" + sha256(payload), clock.instant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the notifications of alert " + event.alert().id(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

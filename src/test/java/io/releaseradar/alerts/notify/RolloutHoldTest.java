package io.releaseradar.alerts.notify;

import static io.releaseradar.alerts.AlertTestSupport.finding;
import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CRITICAL alert about one version asks the release tooling (a real HTTP receiver) to pause that version's
 * rollout: once per alert, signed, retried like a webhook, and recorded on the alert. Alerts are opened through the
 * alert service, so the request is tied to a stored alert as in production.
 */
@QuarkusTest
@TestProfile(RolloutHoldTestProfile.class)
class RolloutHoldTest {

    /** The evaluations' asOf: event time, unrelated to when the request is queued. */
    private static final Instant T0 = Instant.parse("2026-03-05T12:00:00Z");

    @Inject
    AlertTestSupport alerts;
    @Inject
    AlertEvents events;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookReceiver receiver = RolloutHoldReceiverResource.receiver();

    @BeforeEach
    void quietReceiver() {
        // Requests left pending by an earlier, interrupted run go to this receiver too: send them now, so that they
        // cannot take a status scripted for this test.
        worker.deliverDue(Instant.now());
        receiver.reset();
    }

    private AlertView open(String product, String version, Severity severity, double score) {
        return alerts.apply(product, T0, finding(product, version, severity, score)).opened().get(0);
    }

    /** state, attempts, delivery_id, last_error of the alert's hold requests. */
    private List<List<Object>> holdRows(UUID alert) {
        return Db.rows(ds, "SELECT state, attempts, delivery_id, last_error, change_key, subscription_id "
                + "FROM alert_outbox WHERE alert_id = ? AND channel = 'ROLLOUT_HOLD' ORDER BY id", alert);
    }

    private List<WebhookReceiver.Call> callsAbout(UUID alert) {
        return receiver.calls().stream().filter(c -> alert.toString().equals(read(c.body()).path("alertId").asText()))
                .toList();
    }

    /** rolloutHoldRequestedAt as GET /api/v1/alerts/{id} shows it; null when null. */
    private static Instant shownRequestedAt(UUID alert) {
        String value = as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alert.toString()).then().statusCode(200)
                .extract().jsonPath().getString("rolloutHoldRequestedAt");
        return value == null ? null : Instant.parse(value);
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime odt ? odt.toInstant() : ((Timestamp) timestamp).toInstant();
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCriticalAlertAsksOnceForAHoldWithASignedRequestAndTheAlertShowsIt() {
        String product = uniqueProduct();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AlertView alert = open(product, "2.4.0", Severity.CRITICAL, 20.0);
        Instant after = Instant.now();

        List<List<Object>> rows = holdRows(alert.id());
        assertEquals(1, rows.size());
        assertEquals(List.of("PENDING", 0), rows.get(0).subList(0, 2));
        assertEquals("rollout-hold", rows.get(0).get(4));
        assertNull(rows.get(0).get(5), "no subscription");
        Instant recorded = shownRequestedAt(alert.id());
        assertNotNull(recorded, "queued in the transaction that opened the alert");
        assertTrue(!recorded.isBefore(before) && !recorded.isAfter(after), recorded + " not in [" + before + ", "
                + after + "]");

        worker.deliverDue(Instant.now());
        worker.deliverDue(Instant.now().plus(Duration.ofHours(2)));

        List<WebhookReceiver.Call> calls = callsAbout(alert.id());
        assertEquals(1, calls.size());
        WebhookReceiver.Call call = calls.get(0);
        assertEquals(WebhookSignature.sign(RolloutHoldTestProfile.SECRET, call.body()), call.signature());
        assertTrue(call.signature().matches("sha256=[0-9a-f]{64}"), call.signature());
        assertEquals(rows.get(0).get(2).toString(), call.deliveryId());
        assertEquals(call.deliveryId(), call.webhookId());
        long timestamp = Long.parseLong(call.webhookTimestamp());
        assertTrue(timestamp >= before.getEpochSecond() && timestamp <= Instant.now().getEpochSecond(),
                "Unix seconds of the attempt: " + timestamp);
        assertEquals(StandardWebhookSignature.sign(RolloutHoldTestProfile.SECRET, call.webhookId(), timestamp,
                call.body()), call.webhookSignature());
        assertEquals("application/json", call.contentType());
        assertEquals("rollout.pause-requested", call.event());

        JsonNode body = read(call.body());
        Set<String> fields = StreamSupport.stream(((Iterable<String>) body::fieldNames).spliterator(), false)
                .collect(Collectors.toSet());
        assertEquals(Set.of("action", "product", "version", "alertId", "severity", "summary", "requestedAt"), fields);
        assertEquals("PAUSE_ROLLOUT", body.get("action").asText());
        assertEquals(product, body.get("product").asText());
        assertEquals("2.4.0", body.get("version").asText());
        assertEquals(alert.id().toString(), body.get("alertId").asText());
        assertEquals("CRITICAL", body.get("severity").asText());
        assertEquals(alert.summary(), body.get("summary").asText());
        assertEquals(recorded, Instant.parse(body.get("requestedAt").asText()));

        assertEquals(List.of("SENT", 1), holdRows(alert.id()).get(0).subList(0, 2));
        assertEquals(recorded, shownRequestedAt(alert.id()), "sending does not move the recorded time");
    }

    @Test
    void aHighAlertAsksForNoHold() {
        AlertView alert = open(uniqueProduct(), "2.4.0", Severity.HIGH, 20.0);
        worker.deliverDue(Instant.now());

        assertEquals(List.of(), holdRows(alert.id()));
        assertEquals(List.of(), callsAbout(alert.id()));
        assertNull(shownRequestedAt(alert.id()));
    }

    @Test
    void aProductWideCriticalAlertAsksForNoHold() {
        AlertView alert = open(uniqueProduct(), null, Severity.CRITICAL, 20.0);
        worker.deliverDue(Instant.now());

        assertEquals(List.of(), holdRows(alert.id()));
        assertEquals(List.of(), callsAbout(alert.id()));
        assertNull(shownRequestedAt(alert.id()));
    }

    @Test
    void anAlertRaisedToCriticalAsksOnceHoweverOftenItChangesOrTheChangeIsRepeated() {
        String product = uniqueProduct();
        AlertView high = open(product, "2.4.0", Severity.HIGH, 10.0);
        assertEquals(List.of(), holdRows(high.id()));

        AlertView raised = alerts.apply(product, T0.plusSeconds(3600), finding(product, "2.4.0", Severity.CRITICAL,
                15.0)).updated().get(0);
        assertEquals(high.id(), raised.id());
        Instant recorded = shownRequestedAt(high.id());
        assertNotNull(recorded);
        worker.deliverDue(Instant.now());

        // The same findings again, a stronger CRITICAL one, and the raise fired once more (as a retried
        // evaluation might): none asks again, and the recorded time stays.
        alerts.apply(product, T0.plusSeconds(3600), finding(product, "2.4.0", Severity.CRITICAL, 15.0));
        alerts.apply(product, T0.plusSeconds(7200), finding(product, "2.4.0", Severity.CRITICAL, 25.0));
        events.updated(raised, Severity.HIGH);
        events.opened(raised);
        worker.deliverDue(Instant.now().plus(Duration.ofHours(2)));

        assertEquals(1, holdRows(high.id()).size());
        assertEquals(1, callsAbout(high.id()).size());
        assertEquals(recorded, shownRequestedAt(high.id()));
        assertEquals("CRITICAL", read(callsAbout(high.id()).get(0).body()).get("severity").asText());
    }

    @Test
    void aRequestTheToolingFailsWithA500IsSentOnceMoreAfterBackingOffAndThenNeverAgain() {
        receiver.answer(500);
        AlertView alert = open(uniqueProduct(), "3.0.1", Severity.CRITICAL, 20.0);
        // What PostgreSQL keeps, so that the stored retry time can be compared exactly.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

        worker.deliverDue(t0);
        assertEquals(1, callsAbout(alert.id()).size());
        List<Object> row = holdRows(alert.id()).get(0);
        assertEquals(List.of("PENDING", 1), row.subList(0, 2));
        assertTrue(((String) row.get(3)).contains("webhook answered 500"), (String) row.get(3));
        assertEquals(t0.plus(Duration.ofMinutes(1)), instant(Db.rows(ds, "SELECT next_attempt_at FROM alert_outbox "
                + "WHERE alert_id = ? AND channel = 'ROLLOUT_HOLD'", alert.id()).get(0).get(0)));

        worker.deliverDue(t0.plusSeconds(59)); // not due yet
        assertEquals(1, callsAbout(alert.id()).size());

        worker.deliverDue(t0.plus(Duration.ofMinutes(1)));
        worker.deliverDue(t0.plus(Duration.ofHours(5)));

        List<WebhookReceiver.Call> calls = callsAbout(alert.id());
        assertEquals(List.of(500, 200), calls.stream().map(WebhookReceiver.Call::status).toList());
        assertEquals(1, calls.stream().map(WebhookReceiver.Call::deliveryId).distinct().count(),
                "both attempts carry the same delivery id");
        assertEquals(1, calls.stream().map(WebhookReceiver.Call::signature).distinct().count(),
                "and the same signed body");
        assertEquals(List.of("SENT", 2), holdRows(alert.id()).get(0).subList(0, 2));
    }

    @Test
    void aRequestTheToolingRefusesIsRecordedAsFailedAndNotRepeated() {
        receiver.answer(404);
        AlertView alert = open(uniqueProduct(), "3.0.2", Severity.CRITICAL, 20.0);

        worker.deliverDue(Instant.now());
        worker.deliverDue(Instant.now().plus(Duration.ofHours(5)));

        assertEquals(1, callsAbout(alert.id()).size());
        List<Object> row = holdRows(alert.id()).get(0);
        assertEquals(List.of("FAILED", 1), row.subList(0, 2));
        assertEquals("webhook answered 404, refused, not retried", row.get(3), "the status, not the tooling's answer");
        assertNotNull(shownRequestedAt(alert.id()), "it was asked for, even though the tooling refused");
    }
}

package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery under failure: retried with back-off on 5xx/429, given up on other 4xx or after the last
 * attempt, never sent twice, also with two workers at once. The worker runs with chosen instants, so back-off
 * waits (1 min, doubling, at most 10 min in the test profile) take no time.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class AlertDeliveryRetryTest {

    @Inject
    AlertEvents events;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    private final ObjectMapper json = new ObjectMapper();
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** A webhook-only subscription for the product; returns the product. */
    private String subscribedProduct() {
        String product = uniqueProduct();
        Map<String, Object> body = new HashMap<>();
        body.put("product", product);
        body.put("minSeverity", "LOW");
        body.put("webhookUrl", receiver.url());
        body.put("webhookSecret", "s-" + product);
        as(Roles.SUPPORT_LEAD).body(body).put("/api/v1/subscriptions/{id}", product).then().statusCode(201);
        return product;
    }

    /** state, attempts, next_attempt_at, last_error of the alert's webhook row. */
    private List<Object> webhookRow(UUID alert) {
        List<List<Object>> rows = Db.rows(ds, "SELECT state, attempts, next_attempt_at, last_error FROM alert_outbox "
                + "WHERE alert_id = ? AND channel = 'WEBHOOK'", alert);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) timestamp).toInstant();
    }

    @Test
    void aWebhookFailingTwiceWithA500IsDeliveredExactlyOnceAfterBackingOff() {
        String product = subscribedProduct();
        receiver.answer(500, 500);
        AlertView alert = AlertEvents.alert(product, Severity.HIGH);
        events.opened(alert);
        // What PostgreSQL keeps, so that the stored retry time can be compared exactly.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

        worker.deliverDue(t0);
        assertEquals(1, receiver.calls().size());
        List<Object> row = webhookRow(alert.id());
        assertEquals("PENDING", row.get(0));
        assertEquals(1, row.get(1));
        assertEquals(t0.plus(Duration.ofMinutes(1)), instant(row.get(2)));
        assertTrue(((String) row.get(3)).contains("500"), (String) row.get(3));

        worker.deliverDue(t0.plusSeconds(59)); // not due yet
        assertEquals(1, receiver.calls().size());

        worker.deliverDue(t0.plus(Duration.ofMinutes(1)));
        assertEquals(2, receiver.calls().size());
        assertEquals(2, webhookRow(alert.id()).get(1));

        // The second wait is twice the first: due at t0 + 1 + 2 minutes.
        worker.deliverDue(t0.plus(Duration.ofMinutes(3)).minusSeconds(1));
        assertEquals(2, receiver.calls().size());
        worker.deliverDue(t0.plus(Duration.ofMinutes(3)));
        assertEquals(3, receiver.calls().size());
        assertEquals(List.of("SENT", 3), webhookRow(alert.id()).subList(0, 2));

        worker.deliverDue(t0.plus(Duration.ofHours(5)));
        List<WebhookReceiver.Call> calls = receiver.calls();
        assertEquals(List.of(500, 500, 200), calls.stream().map(WebhookReceiver.Call::status).toList());
        assertEquals(1, calls.stream().map(WebhookReceiver.Call::deliveryId).distinct().count(),
                "every attempt carries the same delivery id");
        assertEquals(1, calls.stream().map(WebhookReceiver.Call::signature).distinct().count(),
                "and the same signed body");
        assertEquals(List.of(calls.get(0).deliveryId()), calls.stream().map(WebhookReceiver.Call::webhookId)
                .distinct().toList(), "webhook-id is the delivery's, the same on every attempt");
        // Each attempt is signed with its own timestamp: a receiver checking every one accepts it, and would refuse
        // a replay of one whose webhook-id it has already processed.
        StandardWebhooksReceiver check = new StandardWebhooksReceiver("s-" + product);
        for (WebhookReceiver.Call call : calls) {
            assertEquals(StandardWebhookSignature.sign("s-" + product, call.webhookId(),
                    Long.parseLong(call.webhookTimestamp()), call.body()), call.webhookSignature());
        }
        assertEquals(null, refusal(check, calls.get(2)), "the delivered attempt verifies");
        assertEquals("replayed webhook-id", refusal(check, calls.get(2)));
    }

    private static String refusal(StandardWebhooksReceiver receiver, WebhookReceiver.Call call) {
        try {
            return receiver.refusal(call, Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientErrorFailsAtOnceWhileTooManyRequestsIsRetried() {
        String product = subscribedProduct();
        receiver.answer(429, 400);
        AlertView alert = AlertEvents.alert(product, Severity.MEDIUM);
        events.opened(alert);
        Instant t0 = Instant.now();

        worker.deliverDue(t0);
        assertEquals("PENDING", webhookRow(alert.id()).get(0));
        worker.deliverDue(t0.plus(Duration.ofHours(1)));
        List<Object> row = webhookRow(alert.id());
        assertEquals(List.of("FAILED", 2), row.subList(0, 2));
        assertEquals("webhook answered 400, refused, not retried", row.get(3), "the status, not the receiver's answer");

        worker.deliverDue(t0.plus(Duration.ofHours(2)));
        assertEquals(List.of(429, 400), receiver.calls().stream().map(WebhookReceiver.Call::status).toList());
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttempt() {
        String product = subscribedProduct();
        receiver.answer(503, 503, 503, 503, 503, 503);
        AlertView alert = AlertEvents.alert(product, Severity.LOW);
        events.opened(alert);
        Instant t0 = Instant.now();

        for (int hour = 0; hour < 6; hour++) {
            worker.deliverDue(t0.plus(Duration.ofHours(hour)));
        }

        assertEquals(NotifyTestProfile.MAX_ATTEMPTS, receiver.calls().size());
        assertEquals(List.of("FAILED", NotifyTestProfile.MAX_ATTEMPTS), webhookRow(alert.id()).subList(0, 2));
    }

    @Test
    void aDeletedSubscriptionIsSentNothingMore() {
        String product = subscribedProduct();
        AlertView alert = AlertEvents.alert(product, Severity.CRITICAL);
        events.opened(alert);

        as(Roles.SUPPORT_LEAD).delete("/api/v1/subscriptions/{id}", product).then().statusCode(204);
        worker.deliverDue(Instant.now());

        assertEquals(0, receiver.calls().size());
        List<Object> row = webhookRow(alert.id());
        assertEquals(List.of("FAILED", 0, "the subscription was deleted"), List.of(row.get(0), row.get(1), row.get(3)));
    }

    @Test
    void twoWorkersAtOnceSendEveryDeliveryExactlyOnce() throws Exception {
        String product = subscribedProduct();
        List<UUID> alerts = new ArrayList<>();
        for (int i = 0; i < 4 * NotifyTestProfile.BATCH_SIZE; i++) {
            AlertView alert = AlertEvents.alert(product, Severity.HIGH);
            alerts.add(alert.id());
            events.opened(alert);
        }
        // The first calls wait for each other: both workers must be sending at the same moment.
        receiver.holdUntilConcurrent(2);
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> worker.deliverDue(now), pool);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> worker.deliverDue(now), pool);
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(2, receiver.maxInFlight(), "both workers sent at the same time");
        List<WebhookReceiver.Call> calls = receiver.calls();
        assertEquals(alerts.size(), calls.size());
        Set<String> deliveries = calls.stream().map(WebhookReceiver.Call::deliveryId).collect(Collectors.toSet());
        assertEquals(alerts.size(), deliveries.size(), "no delivery sent twice");
        Set<UUID> posted = calls.stream().map(this::postedAlert)
                .collect(Collectors.toSet());
        assertEquals(Set.copyOf(alerts), posted);
        assertEquals(alerts.size(), Db.count(ds, "SELECT count(*) FROM alert_outbox WHERE product = ? "
                + "AND channel = 'WEBHOOK' AND state = 'SENT' AND attempts = 1", product));
    }

    private UUID postedAlert(WebhookReceiver.Call call) {
        try {
            return UUID.fromString(json.readTree(call.body()).get("id").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

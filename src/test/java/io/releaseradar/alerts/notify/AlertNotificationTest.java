package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertChanged;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.GreenMailResource;
import io.releaseradar.testsupport.KafkaBroker;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert changes reach subscribers (a real SMTP server, a real HTTP receiver) and the Kafka feed through the outbox:
 * once per alert and severity, signed, filtered by product and minimum severity.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class AlertNotificationTest {

    @Inject
    AlertEvents events;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;
    @Inject
    Event<AlertChanged> untransacted;

    private final ObjectMapper json = new ObjectMapper();
    private WebhookReceiver receiver;

    @BeforeAll
    static void feedTopic() {
        KafkaBroker.shared().createTopic(AlertFeed.TOPIC, 4);
    }

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private static void subscribe(String id, String product, Severity min, String email, String webhookUrl,
            String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("product", product);
        body.put("minSeverity", min.name());
        body.put("email", email);
        body.put("webhookUrl", webhookUrl);
        body.put("webhookSecret", secret);
        as(Roles.SUPPORT_LEAD).body(body).put("/api/v1/subscriptions/{id}", id).then().statusCode(201);
    }

    private void deliver() {
        worker.deliverDue(Instant.now());
    }

    private static List<MimeMessage> mails(String address, int expected) {
        // The worker returns once the SMTP server accepted the mail; GreenMail files it right after.
        await().atMost(Duration.ofSeconds(10)).until(() -> GreenMailResource.mailsTo(address).size() >= expected);
        return GreenMailResource.mailsTo(address);
    }

    private List<String> outboxStates(UUID alert) {
        // Only this class's subscriptions (their ids are unique product keys, "p-…"): other tests may leave
        // every-product subscriptions in the shared database, and those rightly get mail too.
        return Db.rows(ds, "SELECT channel || ':' || state FROM alert_outbox WHERE alert_id = ? "
                + "AND (subscription_id IS NULL OR subscription_id LIKE 'p-%') ORDER BY channel", alert).stream().map(r -> (String) r.get(0)).toList();
    }

    @Test
    void anOpenedAlertIsMailedPostedWithAValidSignatureAndPublishedOnce() throws Exception {
        String product = uniqueProduct();
        String email = product + "@example.com";
        String secret = "secret-" + product;
        subscribe(product, product, Severity.MEDIUM, email, receiver.url(), secret);
        AlertView alert = AlertEvents.alert(product, Severity.HIGH);

        events.opened(alert);
        deliver();

        MimeMessage mail = mails(email, 1).get(0);
        assertEquals(1, GreenMailResource.mailsTo(email).size());
        assertTrue(mail.getSubject().startsWith("[Release Radar] HIGH: " + product + " 2.4.0 - Customers on 2.4.0"),
                mail.getSubject());
        assertEquals("<" + alert.id() + ".HIGH." + UUID.nameUUIDFromBytes(product.getBytes(StandardCharsets.UTF_8))
                + "@release-radar>", mail.getMessageID());
        Map<String, String> parts = parts(mail);
        assertEquals(Set.of("text/plain", "text/html"), parts.keySet());
        String link = "https://radar.example.com/alerts/" + alert.id();
        assertTrue(parts.get("text/plain").contains(alert.summary()), parts.get("text/plain"));
        assertTrue(parts.get("text/plain").contains("Open the alert: " + link), parts.get("text/plain"));
        assertTrue(parts.get("text/plain").contains("category:sync, last 24 h: 12 customers, 2.5 expected (4.8x)"),
                parts.get("text/plain"));
        assertTrue(parts.get("text/html").contains("<a href=\"" + link + "\">"), parts.get("text/html"));
        assertTrue(parts.get("text/html").contains("Notes vanished"), parts.get("text/html"));

        assertEquals(1, receiver.calls().size());
        WebhookReceiver.Call call = receiver.calls().get(0);
        assertEquals(WebhookSignature.sign(secret, call.body()), call.signature());
        assertTrue(call.signature().matches("sha256=[0-9a-f]{64}"), call.signature());
        assertEquals("application/json", call.contentType());
        assertEquals("alert.opened", call.event());
        UUID.fromString(call.deliveryId());
        assertEquals(call.deliveryId(), call.webhookId(), "webhook-id: the delivery's id");
        assertNull(new StandardWebhooksReceiver(secret).refusal(call, Instant.now()),
                "the receiver's check of docs/webhooks.md accepts the call");
        JsonNode posted = json.readTree(call.body());
        assertEquals(alert.id().toString(), posted.get("id").asText());
        assertEquals("HIGH", posted.get("severity").asText());
        assertEquals("OPEN", posted.get("status").asText());
        assertEquals(alert.summary(), posted.get("summary").asText());
        assertEquals("category:sync", posted.get("signals").get(0).get("symptom").asText());
        assertEquals("ZD-1", posted.get("sampleContacts").get(0).get("externalId").asText());
        assertTrue(posted.get("text").asText().contains("*HIGH* " + product + " 2.4.0"), posted.get("text").asText());
        assertTrue(posted.get("text").asText().contains("<" + link + "|"), posted.get("text").asText());

        List<ConsumerRecord<String, String>> records = AlertFeed.records(product);
        assertEquals(1, records.size());
        assertEquals(product, records.get(0).key());
        JsonNode published = json.readTree(records.get(0).value());
        assertEquals(alert.id().toString(), published.get("id").asText());
        assertEquals("HIGH", published.get("severity").asText());
        assertTrue(published.get("text") == null, "the feed carries the Alert JSON only");
        assertEquals("OPENED", header(records.get(0), "change"));
        assertNotNull(header(records.get(0), "delivery-id"));

        assertEquals(List.of("EMAIL:SENT", "KAFKA:SENT", "WEBHOOK:SENT"), outboxStates(alert.id()));
    }

    @Test
    void theSameChangeFiredTwiceIsSentOnce() {
        String product = uniqueProduct();
        String email = product + "@example.com";
        subscribe(product, product, Severity.LOW, email, receiver.url(), null);
        AlertView alert = AlertEvents.alert(product, Severity.MEDIUM);

        events.opened(alert);
        events.opened(alert);
        deliver();
        // And once more after it was sent: the sent rows still stand in the way.
        events.opened(alert);
        deliver();

        assertEquals(1, mails(email, 1).size());
        assertEquals(1, receiver.calls().size());
        assertEquals(null, receiver.calls().get(0).signature(), "no secret, no signature");
        assertEquals(null, receiver.calls().get(0).webhookSignature(), "nor a Standard Webhooks one");
        assertNotNull(receiver.calls().get(0).webhookId());
        assertNotNull(receiver.calls().get(0).webhookTimestamp());
        assertEquals(1, AlertFeed.records(product).size());
        assertEquals(3, outboxStates(alert.id()).size());
    }

    @Test
    void aRiseInSeverityIsSentAgainAnUpdateWithoutOneOnlyReachesTheFeed() throws Exception {
        String product = uniqueProduct();
        String email = product + "@example.com";
        subscribe(product, product, Severity.LOW, email, receiver.url(), "s");
        AlertView opened = AlertEvents.alert(product, Severity.MEDIUM);
        AlertView raised = AlertEvents.changed(opened, Severity.CRITICAL, "Now 9 times the usual rate");
        AlertView stronger = AlertEvents.changed(raised, Severity.CRITICAL, "Now 11 times the usual rate");

        events.opened(opened);
        deliver();
        events.updated(raised, Severity.MEDIUM);
        deliver();
        events.updated(stronger, Severity.CRITICAL);
        events.fire(new AlertChanged(AlertEvents.changed(stronger, Severity.CRITICAL, stronger.summary()),
                AlertChanged.Change.ACKNOWLEDGED, Severity.CRITICAL));
        deliver();

        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : mails(email, 2)) {
            subjects.add(m.getSubject());
        }
        assertEquals(2, subjects.size(), subjects::toString);
        assertTrue(subjects.stream().anyMatch(s -> s.startsWith("[Release Radar] MEDIUM: ")), subjects::toString);
        assertTrue(subjects.stream().anyMatch(s -> s.startsWith("[Release Radar] now CRITICAL: ")
                && s.endsWith("Now 9 times the usual rate")), subjects::toString);

        List<WebhookReceiver.Call> calls = receiver.calls();
        assertEquals(List.of("alert.opened", "alert.severity-raised"),
                calls.stream().map(WebhookReceiver.Call::event).toList());
        assertEquals("CRITICAL", json.readTree(calls.get(1).body()).get("severity").asText());
        assertTrue(!calls.get(0).deliveryId().equals(calls.get(1).deliveryId()));

        List<ConsumerRecord<String, String>> records = AlertFeed.records(product);
        assertEquals(List.of("OPENED", "UPDATED", "UPDATED", "ACKNOWLEDGED"),
                records.stream().sorted(java.util.Comparator.comparing(ConsumerRecord::offset))
                        .map(r -> header(r, "change")).toList(), "one partition per product keeps the order");
        Set<String> summaries = records.stream().map(r -> field(r.value(), "summary")).collect(Collectors.toSet());
        assertTrue(summaries.contains("Now 11 times the usual rate"), summaries::toString);
    }

    @Test
    void onlyMatchingProductsFromTheMinimumSeverityUpAreSent() {
        String product = uniqueProduct();
        String other = uniqueProduct();
        String highOnly = product + "-high";
        String everything = product + "-low";
        String otherProduct = product + "-other";
        String everyProduct = product + "-all";
        subscribe(highOnly, product, Severity.HIGH, highOnly + "@example.com", null, null);
        subscribe(everything, product, Severity.LOW, everything + "@example.com", null, null);
        subscribe(otherProduct, other, Severity.LOW, otherProduct + "@example.com", null, null);
        subscribe(everyProduct, null, Severity.CRITICAL, everyProduct + "@example.com", null, null);
        try {
            AlertView medium = AlertEvents.alert(product, Severity.MEDIUM);
            events.opened(medium);
            deliver();
            events.updated(AlertEvents.changed(medium, Severity.CRITICAL, "Worse"), Severity.MEDIUM);
            deliver();

            List<List<Object>> rows = Db.rows(ds, "SELECT subscription_id, severity FROM alert_outbox "
                    + "WHERE alert_id = ? AND channel = 'EMAIL' AND state = 'SENT' AND subscription_id LIKE ? ORDER BY 1, 2",
                    medium.id(), product + "%");
            assertEquals(List.of(List.of(everyProduct, "CRITICAL"), List.of(highOnly, "CRITICAL"),
                    List.of(everything, "CRITICAL"), List.of(everything, "MEDIUM")), rows);
            assertEquals(2, mails(everything + "@example.com", 2).size());
            assertEquals(1, mails(highOnly + "@example.com", 1).size());
            assertEquals(1, mails(everyProduct + "@example.com", 1).size());
            assertEquals(0, GreenMailResource.mailsTo(otherProduct + "@example.com").size());
        } finally {
            // An every-product subscription left behind would mail about every other test's alerts.
            as(Roles.SUPPORT_LEAD).delete("/api/v1/subscriptions/{id}", everyProduct).then().statusCode(204);
        }
    }

    @Test
    void aChangeThatRollsBackOrComesOutsideATransactionSendsNothing() {
        String product = uniqueProduct();
        String email = product + "@example.com";
        subscribe(product, product, Severity.LOW, email, receiver.url(), null);
        AlertChanged opened = new AlertChanged(AlertEvents.alert(product, Severity.HIGH), AlertChanged.Change.OPENED,
                null);

        assertThrows(IllegalStateException.class, () -> events.fireThenRollBack(opened));
        // Rows written outside the alert's transaction could announce a change that never commits.
        assertThrows(TransactionalException.class, () -> untransacted.fire(opened));
        deliver();

        assertEquals(List.of(), outboxStates(opened.alert().id()));
        assertEquals(0, receiver.calls().size());
        assertEquals(0, GreenMailResource.mailsTo(email).size());
        assertEquals(0, AlertFeed.records(product).size());
    }

    private static Map<String, String> parts(MimeMessage mail) throws Exception {
        Map<String, String> parts = new HashMap<>();
        collect(mail.getContent(), mail.getContentType(), parts);
        return parts;
    }

    private static void collect(Object content, String type, Map<String, String> parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else {
            parts.put(type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT), content.toString());
        }
    }

    private String field(String jsonText, String name) {
        try {
            return json.readTree(jsonText).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

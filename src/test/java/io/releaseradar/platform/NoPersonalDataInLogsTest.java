package io.releaseradar.platform;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.GreenMailResource;
import io.releaseradar.testsupport.KafkaBroker;
import io.releaseradar.testsupport.KafkaBrokerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

/**
 * Customers' e-mail addresses and what they wrote never reach the service's log: the test drives REST ingestion
 * (stored, rejected, malformed), a poison Kafka record (dead-lettered), a notice sent over SMTP after the server was
 * down for one attempt, and an erasure, with the app's own categories at DEBUG, capturing every log record of the
 * JVM, and looks for the distinctive strings it used. Only the test fixtures' own loggers (GreenMail) are left out.
 */
@QuarkusTest
@TestProfile(NoPersonalDataInLogsTest.Profile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class NoPersonalDataInLogsTest {

    /** GreenMail, no scheduled delivery runs, quick retries, and the service's own debug logging on. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a send on a connection the SMTP restart left hanging fails after 5 s (production: 30 s), well
            // within the test's 30 s wait for the retry
            return Map.of("radar.notices.worker-interval", "off", "radar.notices.backoff-base", "100ms",
                    "radar.notices.backoff-max", "200ms", "quarkus.mailer.timeout", "5s",
                    "quarkus.log.category.\"io.releaseradar\".level", "DEBUG");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GreenMailResource.class));
        }
    }

    /** Every record, formatted as the console would show it, with its stack trace. */
    static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture() {
            setFormatter(new PatternFormatter("[%c] %s%e"));
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            String category = String.valueOf(record.getLoggerName());
            if (!category.startsWith("com.icegreen")) {
                lines.add(getFormatter().format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Inject
    NoticeDeliveryWorker worker;

    @Test
    void emailAddressesAndContactTextsNeverAppearInTheLog() throws Exception {
        String p = Api.uniqueProduct();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "grace." + tag + "@pii-log.example";
        String name = "Grace Logcheck" + tag;
        String subject = "Printer" + tag + " swallowed my invoices";
        String body = "Please phone my husband about " + tag + "-secret matters";
        List<String> personal = List.of(email, name, subject, body, tag + "-secret");
        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Instant now = Instant.now();
            as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", now.minus(Duration.ofDays(3)).toString()))
                    .put("/api/v1/products/{p}/releases/{v}", p, "2.0").then().statusCode(201);
            as(Roles.INGEST).body(List.of(Map.of("id", p + "-g", "name", name, "email", email, "optedOut", false),
                    Map.of("id", p + "-bad", "name", name, "email", "not-an-address " + email)))
                    .post("/api/v1/customers/batch").then().statusCode(200);
            as(Roles.INGEST).body(List.of(Map.of("customerId", p + "-g", "product", p, "version", "2.0",
                    "installedAt", now.minus(Duration.ofDays(2)).toString()))).post("/api/v1/installations/batch")
                    .then().statusCode(200);

            Map<String, Object> contact = contactBilling(p, "c-1", p + "-g", now, subject, body + " " + email);
            as(Roles.INGEST).body(contact).post("/api/v1/contacts").then().statusCode(201);
            as(Roles.INGEST).body(contact).post("/api/v1/contacts").then().statusCode(200);
            Map<String, Object> invalid = contactBilling(p, "c-2", p + "-g", now, subject, body);
            invalid.put("channel", email);
            as(Roles.INGEST).body(invalid).post("/api/v1/contacts").then().statusCode(400);
            as(Roles.INGEST).body(List.of(invalid, contactBilling(p, "c-3", p + "-g", now, subject, body)))
                    .post("/api/v1/contacts/batch").then().statusCode(200);
            as(Roles.INGEST).body("{\"subject\": \"" + subject + "\", \"body\": " + email + "}")
                    .post("/api/v1/contacts").then().statusCode(400);

            try (KafkaProducer<String, String> producer = KafkaBroker.shared().producer()) {
                producer.send(new ProducerRecord<>("support-contacts", p, "{\"subject\":\"" + subject
                        + "\",\"body\":\"" + email + "\" -- broken")).get();
                String invalidJson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(invalid);
                producer.send(new ProducerRecord<>("support-contacts", p, invalidJson)).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> capture.lines.stream()
                    .filter(l -> l.contains("dead-letter topic")).count() >= 2);

            String notice = as(Roles.RELEASE_MANAGER).body(Map.of("product", p, "version", "2.0", "audience",
                    "INSTALLED", "subject", "About {version}", "body", "Dear {name}, wait."))
                    .post("/api/v1/notices").then().statusCode(201).extract().path("id");
            as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", notice).then().statusCode(200);
            GreenMailResource.stopServer();
            try {
                worker.deliverDue();
            } finally {
                GreenMailResource.restart();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                worker.deliverDue();
                return GreenMailResource.mailsTo(email).size() == 1;
            });
            as(Roles.ADMIN).delete("/api/v1/customers/{id}", p + "-g").then().statusCode(204);
        } finally {
            root.removeHandler(capture);
        }

        assertThat(capture.lines).as("the paths driven did log").anyMatch(l -> l.contains("dead-letter topic"))
                .anyMatch(l -> l.contains("delivery attempt 1 failed, retrying"))
                .anyMatch(l -> l.contains("erased by"));
        for (String secret : personal) {
            assertThat(capture.lines).as("log lines containing " + secret).noneMatch(l -> l.contains(secret));
        }
    }

    private static Map<String, Object> contactBilling(String product, String id, String customer, Instant at,
            String subject, String body) {
        Map<String, Object> c = Contacts.unversioned(product, id, customer, at, "Billing", subject, body);
        c.put("channel", "email");
        return c;
    }
}

package io.releaseradar.ingest;

import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.Metrics;
import io.releaseradar.testsupport.KafkaBroker;
import io.releaseradar.testsupport.KafkaBrokerResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Contacts over Kafka: the same validation and idempotency as REST, poison records to the DLQ. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class KafkaIngestTest {

    @Inject
    AgroalDataSource ds;

    private final ObjectMapper json = new ObjectMapper();

    private long stored(String product) {
        return Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product);
    }

    private void send(KafkaProducer<String, String> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>("support-contacts", key, value)).get();
    }

    @Test
    void goodRecordsAreStoredOncePoisonGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
        String product = uniqueProduct();
        KafkaBroker broker = KafkaBroker.shared();
        Map<String, Object> good1 = Contacts.contact(product, "k1", "2026-03-01T10:00:00Z");
        Map<String, Object> good2 = Contacts.contact(product, "k2", "2026-03-01T11:00:00Z");
        Map<String, Object> invalid = Contacts.contact(product, "k3", "2026-03-01T11:00:00");
        String unparseable = "{\"source\": \"zendesk\", \"product\": \"" + product + "\" -- broken";
        try (KafkaProducer<String, String> producer = broker.producer()) {
            send(producer, product, json.writeValueAsString(good1));
            send(producer, product, unparseable);
            send(producer, product, json.writeValueAsString(invalid));
            send(producer, product, json.writeValueAsString(good2));
            send(producer, product, json.writeValueAsString(good1)); // redelivered: a duplicate
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(product) == 2);

        List<ConsumerRecord<String, String>> dead = broker.readAll("support-contacts-dlq", Duration.ofSeconds(30), 2)
                .stream().filter(r -> r.value() != null && r.value().contains(product)).toList();
        assertEquals(2, dead.size());
        assertEquals(unparseable, dead.get(0).value());
        assertEquals("not valid JSON", header(dead.get(0), "reason"));
        assertTrue(header(dead.get(1), "reason").contains("receivedAt"), header(dead.get(1), "reason"));
        assertEquals(product, dead.get(1).key());

        // The consumer is still running after the poison records.
        Map<String, Object> good3 = Contacts.contact(product, "k4", "2026-03-01T12:00:00Z");
        try (KafkaProducer<String, String> producer = broker.producer()) {
            send(producer, product, json.writeValueAsString(good3));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(product) == 3);
        // Rollups are fed from Kafka exactly like from REST.
        assertEquals(3, Db.count(ds, "SELECT sum(contacts) FROM hourly_rollup WHERE product = ? AND symptom = ''",
                product));
        String source = "hd-" + product;
        assertEquals(3.0, Metrics.contacts("accepted", source, "kafka"));
        assertEquals(1.0, Metrics.contacts("duplicate", source, "kafka"));
        assertEquals(1.0, Metrics.contacts("rejected", source, "kafka"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

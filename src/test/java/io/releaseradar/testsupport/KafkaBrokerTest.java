package io.releaseradar.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The in-JVM broker works: what is produced can be read back. No Quarkus application involved. */
class KafkaBrokerTest {

    @Test
    void producedRecordsAreReadBack() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "kafka-broker-test-" + UUID.randomUUID();
        broker.createTopic(topic, 2);
        broker.createTopic(topic, 2); // idempotent

        try (KafkaProducer<String, String> producer = broker.producer()) {
            for (int i = 1; i <= 3; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
            }
        }

        List<ConsumerRecord<String, String>> records = broker.readAll(topic, Duration.ofSeconds(30), 3);

        assertEquals(3, records.size(), () -> "records read: " + records);
        Map<String, String> byKey = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        assertEquals(Map.of("key-1", "value-1", "key-2", "value-2", "key-3", "value-3"), byKey);
        records.forEach(r -> assertEquals(topic, r.topic()));
    }

    @Test
    void topicsAreAutoCreatedWithFourPartitions() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = "kafka-broker-auto-" + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = broker.producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            assertEquals(4, producer.partitionsFor(topic).size());
        }

        List<ConsumerRecord<String, String>> records = broker.readAll(topic, Duration.ofSeconds(30), 1);
        assertEquals(1, records.size(), () -> "records read: " + records);
        assertEquals("k", records.get(0).key());
        assertEquals("v", records.get(0).value());
        assertTrue(broker.bootstrapServers().startsWith("localhost:"), broker.bootstrapServers());
    }
}

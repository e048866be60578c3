package io.releaseradar.ingest.messaging;

import io.releaseradar.ingest.IngestConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records that cannot be parsed or validated to the dead-letter topic, unchanged, with the reason in header
 * {@code reason} (and where they came from in {@code original-topic/-partition/-offset}). Waits for the broker's
 * acknowledgement so that the offset of a poison record is committed only once it is safe in the dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private KafkaProducer<String, String> producer;

    DeadLetterPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.topic = config.deadLetterTopic();
    }

    public void publish(ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, record.key(), record.value());
        dead.headers().add("reason", bytes(reason));
        dead.headers().add("original-topic", bytes(record.topic()));
        dead.headers().add("original-partition", bytes(Integer.toString(record.partition())));
        dead.headers().add("original-offset", bytes(Long.toString(record.offset())));
        try {
            producer().send(dead).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e.getCause());
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (ProducerConfig.configNames().contains(k)) {
                    config.put(k, v);
                }
            });
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "release-radar-dlq");
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

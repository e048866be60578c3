package io.releaseradar.alerts.notify;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Publishes alert changes on the feed topic ({@code radar.alerts.topic}, key = product, value = the Alert JSON,
 * headers {@code delivery-id} and {@code change}) with its own idempotent producer ({@code acks=all}), built from the
 * {@code kafka.*} settings on first use. The feed exists only when a broker is configured; without one no feed rows
 * are written at all (and rows written while one was configured wait until it is again).
 */
@ApplicationScoped
class AlertFeedPublisher {

    /** Quarkus supplies kafka.bootstrap.servers=localhost:9092 at this ordinal or below; only a set value counts. */
    private static final int DEFAULTS_ORDINAL = 100;

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final boolean enabled;
    private KafkaProducer<String, String> producer;

    AlertFeedPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AlertNotifyConfig config,
            Config mpConfig) {
        this.kafkaConfig = kafkaConfig;
        this.topic = config.topic();
        ConfigValue servers = mpConfig.getConfigValue("kafka.bootstrap.servers");
        this.enabled = servers.getValue() != null && !servers.getValue().isBlank()
                && servers.getSourceOrdinal() > DEFAULTS_ORDINAL;
    }

    /** Whether a broker is configured, i.e. whether alert changes are published. */
    boolean enabled() {
        return enabled;
    }

    /** Sends the row's record and waits for the broker's acknowledgement. */
    void send(OutboxRow row) throws DeliveryFailure {
        if (!enabled) {
            throw DeliveryFailure.temporary("no Kafka broker is configured");
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.product(), row.payload());
        record.headers().add("delivery-id", bytes(row.deliveryId().toString()));
        record.headers().add("change", bytes(row.change()));
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.temporary("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        } catch (KafkaException e) {
            // Thrown by send() itself, e.g. no metadata for the topic within max.block.ms.
            throw classify(e);
        }
    }

    // The same record would be refused again; everything else (broker down, timeouts, authorization being
    // fixed) may pass later, and the feed keeps trying.
    private DeliveryFailure classify(Throwable e) {
        String message = "not published to " + topic + ": " + e;
        return e instanceof RecordTooLargeException || e instanceof InvalidTopicException
                ? DeliveryFailure.permanent(message) : DeliveryFailure.temporary(message, e);
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
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "release-radar-alerts");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            // The worker holds its claimed rows while it waits: give up on a dead broker in seconds, not minutes.
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
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

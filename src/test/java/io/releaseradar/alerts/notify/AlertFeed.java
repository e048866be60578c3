package io.releaseradar.alerts.notify;

import static org.awaitility.Awaitility.await;

import io.releaseradar.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the alert feed topic as a consumer would. */
final class AlertFeed {

    static final String TOPIC = "release-alerts";

    private AlertFeed() {
    }

    /**
     * The records with key {@code product} that are in the topic now: everything up to the end offsets at the time
     * of the call, so a test can assert that there are no more than expected without waiting for a timeout. The
     * worker waits for the broker's acknowledgement before it marks a row sent, so what it sent is there.
     */
    static List<ConsumerRecord<String, String>> records(String product) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "alert-feed-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                            if (product.equals(r.key())) {
                                records.add(r);
                            }
                        });
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return records;
    }
}

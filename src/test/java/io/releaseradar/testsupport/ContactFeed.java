package io.releaseradar.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Contacts for load and fault tests: contact number {@code i} is {@code Contacts.contact} of product
 * {@code products[i % n]} with external id {@code prefix + i}, spread over 48 hours and 500 customers per product,
 * so that every contact has one known key and the rollups get many cells. Sent keyed by product, as helpdesks do.
 */
public final class ContactFeed {

    private static final Instant FIRST_HOUR = Instant.parse("2026-03-02T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> products;
    private final String prefix;

    public ContactFeed(List<String> products, String prefix) {
        this.products = List.copyOf(products);
        this.prefix = prefix;
    }

    public List<String> products() {
        return products;
    }

    /**
     * {@code count} fresh product keys such that the default partitioner (murmur2 of the key) puts at least one on
     * each of the topic's {@code partitions}: then every consumer in the group has records to read.
     */
    public static List<String> productsCoveringPartitions(int count, int partitions) {
        List<String> chosen = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        while (chosen.size() < count) {
            String candidate = "p-" + UUID.randomUUID().toString().substring(0, 12);
            int partition = partitionOf(candidate, partitions);
            // Fill the uncovered partitions first, then take any.
            if (covered.add(partition) || covered.size() == partitions) {
                chosen.add(candidate);
            }
        }
        if (covered.size() < Math.min(count, partitions)) {
            throw new IllegalStateException("products do not cover the partitions: " + covered);
        }
        return chosen;
    }

    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public String product(int i) {
        return products.get(i % products.size());
    }

    public String externalId(int i) {
        return prefix + i;
    }

    /** Contact number {@code i}. */
    public Map<String, Object> contact(int i) {
        String product = product(i);
        Map<String, Object> c = Contacts.contact(product, externalId(i),
                FIRST_HOUR.plus(i % 48, ChronoUnit.HOURS).plusSeconds(i % 3600).toString());
        c.put("customerId", product + "-c" + (i % 500));
        return c;
    }

    public String json(int i) {
        try {
            return JSON.writeValueAsString(contact(i));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends contacts {@code from} (inclusive) to {@code to} (exclusive) and waits until the broker has them all. */
    public void produce(String bootstrapServers, String topic, int from, int to) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "test-feed-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, product(i), json(i))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not produce to " + topic, e.getCause());
        }
    }
}

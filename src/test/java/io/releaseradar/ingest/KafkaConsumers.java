package io.releaseradar.ingest;

import io.releaseradar.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * For the Kafka integration tests: the configuration of a packaged instance that consumes a topic of the test's
 * own in a group of the test's own, and a view of that group from the broker (members, lag).
 */
final class KafkaConsumers {

    private final String bootstrapServers;
    private final String topic;
    private final String group;

    /** A fresh topic and group name, unique to this run. */
    KafkaConsumers(String bootstrapServers, String name) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        this.bootstrapServers = bootstrapServers;
        this.topic = name + "-" + id;
        this.group = "radar-" + name + "-" + id;
    }

    String topic() {
        return topic;
    }

    /** {@link ServiceProcess#baseConfig()} with the Kafka channel on, reading this topic in this group. */
    Map<String, String> instanceConfig() {
        Map<String, String> c = new HashMap<>(ServiceProcess.baseConfig());
        c.put("kafka.bootstrap.servers", bootstrapServers);
        c.put("mp.messaging.incoming.support-contacts.enabled", "true");
        c.put("radar.ingest.topic", topic);
        c.put("radar.ingest.consumer-group", group);
        c.put("radar.ingest.dead-letter-topic", topic + "-dlq");
        return c;
    }

    void createTopic(int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(topic + "-dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create " + topic, e);
        }
    }

    /** How many members of the group hold at least one partition (0 while the group is rebalancing). */
    int membersWithPartitions() {
        try (Admin admin = admin()) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(30, TimeUnit.SECONDS).get(group);
            return (int) d.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe group " + group, e);
        }
    }

    /** Records of the topic the group has not committed yet (all of them before its first commit). */
    long lag() {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(java.util.stream.Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the offsets of group " + group, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "test-admin-" + UUID.randomUUID(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis()));
    }
}

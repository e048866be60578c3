package io.releaseradar.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of contact ingestion. The topic and group are wired into the Kafka channel in application.properties. */
@ConfigMapping(prefix = "radar.ingest")
public interface IngestConfig {

    /** Kafka topic the helpdesks publish contacts to (key = product). */
    @WithDefault("support-contacts")
    String topic();

    /** Kafka consumer group; all replicas share it, so each record is processed by one of them. */
    @WithDefault("release-radar")
    String consumerGroup();

    /** Kafka topic for records that cannot be parsed or validated; the reason is in header {@code reason}. */
    @WithDefault("support-contacts-dlq")
    String deadLetterTopic();
}

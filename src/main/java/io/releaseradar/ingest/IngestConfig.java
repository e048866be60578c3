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

    /** The contact counters on {@code /q/metrics} ({@link IngestMetrics}). */
    Metrics metrics();

    /** How long the customers' words are kept ({@link ContactTextRetention}). */
    Retention retention();

    /** Contact text retention ({@code radar.ingest.retention.*}). */
    interface Retention {

        /**
         * A contact's subject and body are purged once it was received longer ago than this (e.g. {@code 180d},
         * {@code P365D}); "off" or 0 keeps them forever. Counts and detection's rollups are never purged.
         */
        @WithDefault("180d")
        String contactText();

        /** How often each replica runs the purge ("off" disables it on this replica). */
        @WithDefault("1h")
        String interval();

        /** Contacts purged per statement (and transaction); small batches keep row locks short. */
        @WithDefault("500")
        int batchSize();
    }

    /** Contact counters ({@code radar.ingest.metrics.*}). */
    interface Metrics {

        /**
         * Distinct contact sources that get a {@code source} tag of their own on this instance, first come first
         * served since it started; contacts of any further source count under {@code source="other"}, so a client
         * inventing sources cannot make unbounded meters.
         */
        @WithDefault("20")
        int maxSources();
    }
}

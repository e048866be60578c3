package io.releaseradar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releaseradar.testsupport.ContactFeed;
import io.releaseradar.testsupport.ContactLedger;
import io.releaseradar.testsupport.KafkaBroker;
import io.releaseradar.testsupport.Metrics;
import io.releaseradar.testsupport.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the consuming instance while it is part-way through 20,000 contacts, then a restart: every
 * contact ends up stored exactly once, and the records redelivered after the kill (consumed, not yet committed)
 * are duplicates that the rollups do not count again.
 */
class KafkaConsumerKillIT {

    static final int CONTACTS = 20_000;
    static final int PARTITIONS = 4;
    /** Killed once at least this many are stored: part-way, not at the start. */
    static final int KILL_AFTER = 3_000;

    @Test
    void aKilledConsumerResumesAfterRestartAndStoresEveryContactOnce() {
        KafkaBroker broker = KafkaBroker.shared();
        KafkaConsumers kafka = new KafkaConsumers(broker.bootstrapServers(), "consumer-kill");
        kafka.createTopic(PARTITIONS);
        ContactFeed feed = new ContactFeed(ContactFeed.productsCoveringPartitions(6, PARTITIONS), "ck-");
        ContactLedger ledger = new ContactLedger(feed.products());
        feed.produce(broker.bootstrapServers(), kafka.topic(), 0, CONTACTS);

        try (ServiceProcess instance = ServiceProcess.start("kafka-consumer-kill", kafka.instanceConfig())) {
            await("part of the contacts stored").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ledger.rows() >= KILL_AFTER);
            instance.kill();
            long killedAt = System.nanoTime();
            long storedAtKill = ledger.rows();
            assertThat(storedAtKill).as("killed part-way").isBetween((long) KILL_AFTER, (long) CONTACTS - 1);
            assertThat(ledger.rollupContacts()).as("rollups of what was committed before the kill")
                    .isEqualTo(storedAtKill);

            instance.restart();
            Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
            await("consumption resumed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ledger.rows() > storedAtKill);
            Duration resumed = Duration.ofNanos(System.nanoTime() - killedAt);
            await("all contacts stored (log: " + instance.log() + ")").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> ledger.rows() >= CONTACTS);
            Duration drained = Duration.ofNanos(System.nanoTime() - killedAt);
            await("every offset committed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kafka.lag() == 0);

            long rows = ledger.rows();
            assertThat(rows).as("contact rows").isEqualTo(CONTACTS);
            assertThat(ledger.distinctKeys()).as("distinct contact keys").isEqualTo(CONTACTS);
            assertThat(ledger.rollupContacts()).as("hourly rollup contact sum").isEqualTo(CONTACTS);
            double accepted = Metrics.contactsOn(instance.uri(), "accepted", "kafka");
            double redelivered = Metrics.contactsOn(instance.uri(), "duplicate", "kafka");
            assertThat(accepted).as("stored after the restart: exactly the ones missing at the kill")
                    .isEqualTo(CONTACTS - storedAtKill);

            System.out.printf("KafkaConsumerKillIT: contacts=%d, kill -9 after %d stored%n", CONTACTS, storedAtKill);
            System.out.printf("KafkaConsumerKillIT: kill to ready again %.1f s, to first new row %.1f s, to all"
                    + " stored %.1f s%n", secs(restart), secs(resumed), secs(drained));
            System.out.printf("KafkaConsumerKillIT: redelivered after restart (duplicates, not stored again) %.0f%n",
                    redelivered);
            System.out.printf("KafkaConsumerKillIT: rows=%d duplicates=0 lost=%d rollup sum=%d%n", rows,
                    CONTACTS - rows, ledger.rollupContacts());
        }
    }

    private static double secs(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

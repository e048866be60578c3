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
 * Two packaged instances in one consumer group share a 4-partition topic keyed by product: 50,000 contacts of 8
 * products (at least one on every partition) are each stored exactly once, the rollups count each once, both
 * instances consumed, and the group ends with every offset committed.
 */
class KafkaScaleOutIT {

    static final int CONTACTS = 50_000;
    static final int PARTITIONS = 4;
    static final int PRODUCTS = 8;

    @Test
    void twoInstancesShareThePartitionsAndStoreEveryContactOnce() {
        KafkaBroker broker = KafkaBroker.shared();
        KafkaConsumers kafka = new KafkaConsumers(broker.bootstrapServers(), "scale-out");
        kafka.createTopic(PARTITIONS);
        ContactFeed feed = new ContactFeed(ContactFeed.productsCoveringPartitions(PRODUCTS, PARTITIONS), "so-");
        ContactLedger ledger = new ContactLedger(feed.products());

        try (ServiceProcess a = ServiceProcess.start("kafka-scale-out-a", kafka.instanceConfig());
                ServiceProcess b = ServiceProcess.start("kafka-scale-out-b", kafka.instanceConfig())) {
            await("both instances hold partitions").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).until(() -> kafka.membersWithPartitions() == 2);

            long start = System.nanoTime();
            feed.produce(broker.bootstrapServers(), kafka.topic(), 0, CONTACTS);
            await("all contacts stored (log: " + a.log() + ", " + b.log() + ")").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> ledger.rows() >= CONTACTS);
            Duration drain = Duration.ofNanos(System.nanoTime() - start);
            await("every offset committed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> kafka.lag() == 0);

            long rows = ledger.rows();
            assertThat(rows).as("contact rows").isEqualTo(CONTACTS);
            assertThat(ledger.distinctKeys()).as("distinct contact keys").isEqualTo(CONTACTS);
            assertThat(ledger.rollupContacts()).as("hourly rollup contact sum").isEqualTo(CONTACTS);
            double acceptedA = Metrics.contactsOn(a.uri(), "accepted", "kafka");
            double acceptedB = Metrics.contactsOn(b.uri(), "accepted", "kafka");
            double redelivered = Metrics.contactsOn(a.uri(), "duplicate", "kafka")
                    + Metrics.contactsOn(b.uri(), "duplicate", "kafka");
            assertThat(acceptedA).as("contacts instance a stored").isPositive();
            assertThat(acceptedB).as("contacts instance b stored").isPositive();
            assertThat(acceptedA + acceptedB).as("accepted by both together").isEqualTo(CONTACTS);

            System.out.printf("KafkaScaleOutIT: contacts=%d products=%d partitions=%d instances=2%n", CONTACTS,
                    PRODUCTS, PARTITIONS);
            System.out.printf("KafkaScaleOutIT: time to drain (produce start to last row stored) %.1f s, %.0f"
                    + " contacts/s%n", drain.toMillis() / 1000.0, CONTACTS * 1000.0 / drain.toMillis());
            System.out.printf("KafkaScaleOutIT: stored by instance a=%.0f b=%.0f, redelivered (duplicates) %.0f%n",
                    acceptedA, acceptedB, redelivered);
            System.out.printf("KafkaScaleOutIT: rows=%d duplicates=0 lost=%d rollup sum=%d%n", rows,
                    CONTACTS - rows, ledger.rollupContacts());
        }
    }
}

package io.releaseradar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releaseradar.testsupport.ContactFeed;
import io.releaseradar.testsupport.ContactLedger;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.KafkaBrokerProcess;
import io.releaseradar.testsupport.Metrics;
import io.releaseradar.testsupport.ServiceProcess;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The broker is stopped while the instance consumes the first half of 20,000 contacts, stays down for a while and
 * comes back on the same port and log directory; then the second half is produced. The instance, never restarted,
 * resumes by itself: every contact is stored once and its own counters accepted each exactly once. Meanwhile it
 * stays ready and live, and takes REST contacts: HTTP traffic does not depend on Kafka.
 */
class KafkaBrokerRestartIT {

    static final int CONTACTS = 20_000;
    /** The broker is stopped once this many are stored: early in the first half, so records are in flight. */
    static final int STOP_AFTER = 1_000;
    static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void theConsumerResumesAfterTheBrokerRestartsAndNothingIsLostOrDoubled() {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.startNew("kafka-restart-broker")) {
            KafkaConsumers kafka = new KafkaConsumers(broker.bootstrapServers(), "broker-restart");
            kafka.createTopic(4);
            ContactFeed feed = new ContactFeed(ContactFeed.productsCoveringPartitions(4, 4), "br-");
            ContactLedger ledger = new ContactLedger(feed.products());
            feed.produce(broker.bootstrapServers(), kafka.topic(), 0, CONTACTS / 2);

            try (ServiceProcess instance = ServiceProcess.start("kafka-broker-restart", kafka.instanceConfig())) {
                await("consumption started").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ledger.rows() >= STOP_AFTER);
                broker.stop();
                long rowsAtStop = ledger.rows();
                Map<String, Integer> health = new TreeMap<>();
                // Polled through the whole outage; a probe that is not 200 at any poll ends the wait with a failure.
                await("ready and live while the broker is down").during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            int ready = status(instance, "/q/health/ready");
                            int live = status(instance, "/q/health/live");
                            health.merge("ready " + ready, 1, Integer::sum);
                            health.merge("live " + live, 1, Integer::sum);
                            return ready == 200 && live == 200;
                        });
                long rowsDuringOutage = ledger.rows();
                assertThat(health).as("health while the broker is down").containsOnlyKeys("ready 200", "live 200");
                String restProduct = ContactFeed.productsCoveringPartitions(1, 1).get(0);
                instance.as("ingest").body(Contacts.contact(restProduct, "rest-1", "2026-03-02T10:00:00Z"))
                        .post("/api/v1/contacts").then().statusCode(201);
                assertThat(new ContactLedger(List.of(restProduct)).rows()).as("REST contact while Kafka is down")
                        .isEqualTo(1);

                broker.start();
                long upAt = System.nanoTime();
                feed.produce(broker.bootstrapServers(), kafka.topic(), CONTACTS / 2, CONTACTS);
                await("consumption resumed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> ledger.rows() > rowsDuringOutage);
                Duration resumed = Duration.ofNanos(System.nanoTime() - upAt);
                await("all contacts stored (log: " + instance.log() + ")").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500)).until(() -> ledger.rows() >= CONTACTS);
                Duration drained = Duration.ofNanos(System.nanoTime() - upAt);
                await("every offset committed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> kafka.lag() == 0);

                long rows = ledger.rows();
                assertThat(rows).as("contact rows").isEqualTo(CONTACTS);
                assertThat(ledger.distinctKeys()).as("distinct contact keys").isEqualTo(CONTACTS);
                assertThat(ledger.rollupContacts()).as("hourly rollup contact sum").isEqualTo(CONTACTS);
                assertThat(Metrics.contactsOn(instance.uri(), "accepted", "kafka")).as("accepted by the instance")
                        .isEqualTo(CONTACTS);
                double redelivered = Metrics.contactsOn(instance.uri(), "duplicate", "kafka");

                System.out.printf("KafkaBrokerRestartIT: contacts=%d; broker stopped with %d stored, down %d s"
                        + " (%d stored meanwhile from fetched records), health while down %s%n", CONTACTS,
                        rowsAtStop, OUTAGE.toSeconds(), rowsDuringOutage - rowsAtStop, health);
                System.out.printf("KafkaBrokerRestartIT: broker back to first new row %.1f s, to all stored %.1f s%n",
                        resumed.toMillis() / 1000.0, drained.toMillis() / 1000.0);
                System.out.printf("KafkaBrokerRestartIT: redelivered (duplicates) %.0f; rows=%d duplicates=0 lost=%d"
                        + " rollup sum=%d%n", redelivered, rows, CONTACTS - rows, ledger.rollupContacts());
            }
        }
    }

    private static int status(ServiceProcess instance, String path) {
        return RestAssured.given().baseUri("http://" + ServiceProcess.HOST).port(instance.uri().getPort())
                .get(path).statusCode();
    }
}

package io.releaseradar.ingest;

import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.KafkaBroker;
import io.releaseradar.testsupport.KafkaBrokerResource;
import io.releaseradar.testsupport.OutageDatabaseResource;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The database is down for longer than a minute while contacts wait on Kafka: the consumer waits it out and stores
 * them all once it is back, without a restart. (SmallRye's throttled commit declares the channel dead when a record
 * waits more than {@code throttled.unprocessed-record-max-age.ms}, 60 s by default, which would stop consumption.)
 */
@QuarkusTest
@QuarkusTestResource(value = OutageDatabaseResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class KafkaDatabaseOutageTest {

    static final int CONTACTS = 50;
    static final Duration OUTAGE = Duration.ofSeconds(80);

    @Inject
    AgroalDataSource ds;

    @Test
    void contactsWaitingOnKafkaAreStoredAfterALongDatabaseOutage() throws Exception {
        String product = uniqueProduct();
        ObjectMapper json = new ObjectMapper();
        OutageDatabaseResource.postgres().stop();
        try (KafkaProducer<String, String> producer = KafkaBroker.shared().producer()) {
            for (int i = 0; i < CONTACTS; i++) {
                producer.send(new ProducerRecord<>(KafkaBrokerResource.TOPIC, product, json.writeValueAsString(
                        Contacts.contact(product, "db-" + i, "2026-03-01T10:00:00Z")))).get();
            }
        }
        // Liveness does not check the database, but reports a channel that gave up.
        await("live throughout the outage").during(OUTAGE).atMost(OUTAGE.plusSeconds(20))
                .pollInterval(Duration.ofSeconds(2)).until(() -> live() == 200);

        OutageDatabaseResource.postgres().startAgain();
        await("stored after the outage").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product) == CONTACTS);
        assertThat(Db.count(ds, "SELECT sum(contacts) FROM hourly_rollup WHERE product = ? AND symptom = ''",
                product)).isEqualTo(CONTACTS);
        assertThat(live()).as("live after").isEqualTo(200);
    }

    private static int live() {
        return RestAssured.given().get("/q/health/live").statusCode();
    }
}

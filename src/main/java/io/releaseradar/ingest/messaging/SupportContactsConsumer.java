package io.releaseradar.ingest.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.releaseradar.ingest.ContactIn;
import io.releaseradar.ingest.ContactIngestService;
import io.releaseradar.ingest.ContactParser;
import io.releaseradar.ingest.IngestMetrics;
import io.releaseradar.ingest.Ingress;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes support contacts from Kafka in batches (one poll at a time). Records are acknowledged, and so their
 * offsets committed, only after this method returns, that is after the database commit: at-least-once delivery
 * plus the idempotent store gives each contact stored exactly once. Poison records go to the dead-letter topic and
 * never stop the consumer; database outages, and a broker that cannot take a dead letter, are waited out with
 * back-off ({@link Persistently}) instead of losing records or failing the channel.
 */
@ApplicationScoped
public class SupportContactsConsumer {

    private static final Logger LOG = Logger.getLogger(SupportContactsConsumer.class);

    private final ContactIngestService ingest;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final ObjectMapper json;
    private volatile boolean stopping;

    SupportContactsConsumer(ContactIngestService ingest, DeadLetterPublisher deadLetters, IngestMetrics metrics,
            ObjectMapper json) {
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.json = json;
    }

    @Incoming("support-contacts")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<ContactIn> valid = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            String reason = parse(record, valid);
            if (reason != null) {
                // its offset is committed with the batch's: only once it is safe in the dead-letter topic
                String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                Persistently.run("Sending record " + where + " to the dead-letter topic",
                        () -> deadLetters.publish(record, reason), () -> stopping, Thread::sleep);
                LOG.warnf("Record %s sent to the dead-letter topic: %s", where, reason);
            }
        }
        Persistently.run("Storing " + valid.size() + " contacts from Kafka", () -> ingest.ingest(valid, Ingress.KAFKA),
                () -> stopping, Thread::sleep);
    }

    /** Adds the record's contact to {@code valid}; returns why it is poison, or null. */
    private String parse(ConsumerRecord<String, String> record, List<ContactIn> valid) {
        if (record.value() == null) {
            metrics.rejected(Ingress.KAFKA, null);
            return "empty record value";
        }
        JsonNode node;
        try {
            node = json.readTree(record.value());
        } catch (Exception e) {
            metrics.rejected(Ingress.KAFKA, null);
            return "not valid JSON";
        }
        ContactParser.Parsed parsed = ContactParser.parse(node);
        if (!parsed.valid()) {
            metrics.rejected(Ingress.KAFKA, parsed.source());
            return parsed.reason();
        }
        valid.add(parsed.contact());
        return null;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}

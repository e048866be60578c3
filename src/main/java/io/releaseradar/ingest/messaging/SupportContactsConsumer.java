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
 * never stop the consumer; database outages are waited out with back-off instead of losing records.
 */
@ApplicationScoped
public class SupportContactsConsumer {

    private static final Logger LOG = Logger.getLogger(SupportContactsConsumer.class);
    private static final long MAX_BACKOFF_MS = 30_000;

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
                deadLetters.publish(record, reason);
                LOG.warnf("Record %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(),
                        record.offset(), reason);
            }
        }
        storeWithRetry(valid);
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

    private void storeWithRetry(List<ContactIn> valid) throws InterruptedException {
        long backoff = 250;
        while (true) {
            try {
                ingest.ingest(valid, Ingress.KAFKA);
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                LOG.warnf("Storing %d contacts from Kafka failed (%s); retrying in %d ms", valid.size(),
                        e.getClass().getSimpleName(), backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}

package io.releaseradar.platform;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static io.releaseradar.testsupport.InMemorySpans.describe;
import static io.releaseradar.testsupport.InMemorySpans.descendsFrom;
import static io.releaseradar.testsupport.InMemorySpans.isDatabase;
import static io.releaseradar.testsupport.InMemorySpans.ofTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.InMemorySpans;
import io.releaseradar.testsupport.KafkaBroker;
import io.releaseradar.testsupport.TracingTestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, a contact's way in is one trace: the REST request's server span with the database statements
 * under it, and a Kafka record's consumer span continuing the producer's trace. Each test picks its own trace id
 * and hands it in as a W3C {@code traceparent}, so it finds its spans among everyone else's.
 */
@QuarkusTest
@TestProfile(TracingTestProfile.class)
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    private final ObjectMapper json = new ObjectMapper();

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String traceparent(String traceId) {
        return "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
    }

    @Test
    void aRestIngestIsAServerSpanWithTheDatabaseStatementsUnderIt() {
        String traceId = newTraceId();
        as(Roles.INGEST).header("traceparent", traceparent(traceId))
                .body(Contacts.contact(uniqueProduct(), "t1", "2026-03-01T10:00:00Z"))
                .post("/api/v1/contacts").then().statusCode(201);

        List<SpanData> trace = await().atMost(Duration.ofSeconds(30)).until(() -> ofTrace(spans, traceId),
                t -> t.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER) && t.stream().anyMatch(
                        InMemorySpans::isDatabase));
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getName()).as(describe(trace)).isEqualTo("POST /api/v1/contacts");
        assertThat(server.getParentSpanId()).isEqualTo(traceId.substring(0, 16));
        List<SpanData> database = trace.stream().filter(s -> isDatabase(s)).toList();
        assertThat(database).as(describe(trace)).allMatch(s -> descendsFrom(s, server, trace));
        assertThat(database).as("the contact's insert, " + describe(trace)).anyMatch(s -> s.getAttributes().asMap()
                .values().stream().anyMatch(v -> v.toString().toLowerCase().contains("insert into contact")));
    }

    @Test
    void aKafkaContactIsAConsumerSpanInTheProducersTrace() throws Exception {
        String traceId = newTraceId();
        String product = uniqueProduct();
        ProducerRecord<String, String> record = new ProducerRecord<>("support-contacts", product,
                json.writeValueAsString(Contacts.contact(product, "k1", "2026-03-01T10:00:00Z")));
        record.headers().add("traceparent", traceparent(traceId).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = KafkaBroker.shared().producer()) {
            producer.send(record).get();
        }

        List<SpanData> trace = await().atMost(Duration.ofSeconds(30)).until(() -> ofTrace(spans, traceId),
                t -> t.stream().anyMatch(s -> s.getKind() == SpanKind.CONSUMER));
        SpanData consumer = trace.stream().filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
        assertThat(consumer.getName()).as(describe(trace)).startsWith("support-contacts");
        assertThat(InMemorySpans.attribute(consumer, "messaging.system")).isEqualTo("kafka");
        assertThat(consumer.getParentSpanId()).isEqualTo(traceId.substring(0, 16));
    }
}

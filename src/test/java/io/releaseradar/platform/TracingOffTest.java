package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The default configuration (no OTLP endpoint, as in every test but the tracing ones): the SDK is disabled, there is
 * no exporter to send anything, the JDBC driver and the Kafka consumer are not wrapped, and the manual spans around
 * SMTP and the alert feed are not started.
 */
@QuarkusTest
class TracingOffTest {

    @Inject
    Spans spans;

    @Inject
    Instance<SpanExporter> exporters;

    @ConfigProperty(name = "quarkus.otel.sdk.disabled")
    boolean sdkDisabled;

    @ConfigProperty(name = "quarkus.datasource.jdbc.telemetry.enabled")
    boolean jdbcTraced;

    @ConfigProperty(name = "mp.messaging.incoming.support-contacts.tracing-enabled")
    boolean kafkaTraced;

    @Test
    void nothingIsTracedOrExported() {
        assertThat(sdkDisabled).isTrue();
        assertThat(jdbcTraced).isFalse();
        assertThat(kafkaTraced).isFalse();
        assertThat(exporters.isUnsatisfied()).as("no SpanExporter bean").isTrue();

        List<Span> inside = new ArrayList<>();
        spans.smtpSend("notice", () -> inside.add(Span.current()));
        spans.run("probe", SpanKind.PRODUCER, Attributes.empty(), () -> inside.add(Span.current()));
        assertThat(inside).hasSize(2).allSatisfy(s -> assertThat(s.getSpanContext().isValid()).isFalse());
    }
}

package io.releaseradar.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application with tracing on, as an OTLP endpoint turns it on in production, but exporting to
 * {@link InMemorySpans} instead of the network; with the real Kafka broker and SMTP server, and no scheduled work.
 */
public class TracingTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // Only its presence counts (io.releaseradar.platform.TracingToggle): with a SpanExporter bean
                // Quarkus builds no OTLP exporter, so nothing is sent here.
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9",
                "quarkus.otel.bsp.schedule.delay", "50ms",
                "radar.notices.worker-interval", "off",
                "radar.alerts.worker-interval", "off");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(InMemorySpans.class);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class),
                new TestResourceEntry(GreenMailResource.class));
    }
}

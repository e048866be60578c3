package io.releaseradar.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns tracing on exactly when an OTLP endpoint is configured ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} or
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}): without one, the OpenTelemetry SDK is disabled (no exporter
 * is built, nothing is sent anywhere, Quarkus' instrumentation and {@link Spans} start no span), and neither the
 * JDBC driver nor the Kafka consumer is wrapped for tracing. The answers come from a source of low ordinal, so an
 * explicit setting of any of these keys (e.g. {@code QUARKUS_OTEL_SDK_DISABLED}) still wins.
 */
public class TracingToggle implements ConfigSourceFactory {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String JDBC_TELEMETRY = "quarkus.datasource.jdbc.telemetry.enabled";
    static final String KAFKA_TRACING = "mp.messaging.incoming.support-contacts.tracing-enabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");
    // Defaults (Quarkus' own localhost:4317 among them) live at this ordinal or below; only a value someone set counts.
    private static final int DEFAULTS_ORDINAL = 100;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingToggle::isSet);
        return List.of(new PropertiesConfigSource(Map.of(
                SDK_DISABLED, Boolean.toString(!configured),
                JDBC_TELEMETRY, Boolean.toString(configured),
                KAFKA_TRACING, Boolean.toString(configured)), "TracingToggle", 50));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > DEFAULTS_ORDINAL;
    }
}

package io.releaseradar.ingest.messaging;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Enables the {@code support-contacts} Kafka channel exactly when a broker is configured
 * ({@code kafka.bootstrap.servers}, env {@code KAFKA_BOOTSTRAP_SERVERS}), so the service starts without Kafka and
 * ingests over REST only. An explicit {@code mp.messaging.incoming.support-contacts.enabled} still wins: the
 * answer comes from a source of low ordinal.
 *
 * <p>Without a broker, SmallRye Reactive Messaging warns at startup that the consumer "is not connected" (SRMSG00207):
 * true, and exactly what was asked for, so its messaging provider logs errors only then; a newcomer's first console
 * should not open with a warning about something they did not set up. With a broker nothing changes.
 */
public class KafkaChannelToggle implements ConfigSourceFactory {

    static final String ENABLED = "mp.messaging.incoming.support-contacts.enabled";
    /** The category SmallRye logs wiring warnings under. */
    static final String PROVIDER_LOG_LEVEL = "quarkus.log.category.\"io.smallrye.reactive.messaging.provider\".level";
    private static final int DEFAULTS_ORDINAL = 100;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue servers = context.getValue("kafka.bootstrap.servers");
        // Quarkus supplies localhost:9092 as a default (ordinal <= 100); only a value someone set counts.
        boolean configured = servers != null && servers.getValue() != null && !servers.getValue().isBlank()
                && servers.getConfigSourceOrdinal() > DEFAULTS_ORDINAL;
        Map<String, String> values = configured ? Map.of(ENABLED, "true")
                : Map.of(ENABLED, "false", PROVIDER_LOG_LEVEL, "ERROR");
        return List.of(new PropertiesConfigSource(values, "KafkaChannelToggle", 50));
    }
}

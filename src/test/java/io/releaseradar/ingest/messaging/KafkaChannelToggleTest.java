package io.releaseradar.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** Kafka off: the channel is off and its "not connected" warning is not printed; Kafka on: both as usual. */
class KafkaChannelToggleTest {

    private static Map<String, String> answer(String servers, int ordinal) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return "kafka.bootstrap.servers".equals(name) && servers != null
                        ? ConfigValue.builder().withName(name).withValue(servers).withConfigSourceOrdinal(ordinal)
                                .build()
                        : null;
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public Iterator<String> iterateNames() {
                return List.<String>of().iterator();
            }
        };
        ConfigSource source = new KafkaChannelToggle().getConfigSources(context).iterator().next();
        return source.getProperties();
    }

    @Test
    void withoutABrokerTheChannelIsOffAndItsWiringWarningIsNotPrinted() {
        assertThat(answer(null, 0)).containsEntry(KafkaChannelToggle.ENABLED, "false")
                .containsEntry(KafkaChannelToggle.PROVIDER_LOG_LEVEL, "ERROR");
        // Quarkus' own default localhost:9092 is not a broker someone configured
        assertThat(answer("localhost:9092", 100)).containsEntry(KafkaChannelToggle.ENABLED, "false")
                .containsEntry(KafkaChannelToggle.PROVIDER_LOG_LEVEL, "ERROR");
    }

    @Test
    void withABrokerTheChannelIsOnAndNothingIsSilenced() {
        assertThat(answer("kafka:9092", 300)).containsEntry(KafkaChannelToggle.ENABLED, "true")
                .doesNotContainKey(KafkaChannelToggle.PROVIDER_LOG_LEVEL);
    }
}

package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is off unless someone set an OTLP endpoint; an explicit SDK switch wins either way. */
class TracingToggleTest {

    private static SmallRyeConfig config(Map<String, String> set, int ordinal) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(set, "set", ordinal))
                .withSources(new TracingToggle()).build();
    }

    private static boolean sdkDisabled(SmallRyeConfig config) {
        return config.getValue(TracingToggle.SDK_DISABLED, Boolean.class);
    }

    private static boolean jdbcTraced(SmallRyeConfig config) {
        return config.getValue(TracingToggle.JDBC_TELEMETRY, Boolean.class);
    }

    private static boolean kafkaTraced(SmallRyeConfig config) {
        return config.getValue(TracingToggle.KAFKA_TRACING, Boolean.class);
    }

    @Test
    void withoutAnEndpointTheSdkAndTheJdbcAndKafkaTracingAreOff() {
        SmallRyeConfig config = config(Map.of(), 300);
        assertThat(sdkDisabled(config)).isTrue();
        assertThat(jdbcTraced(config)).isFalse();
        assertThat(kafkaTraced(config)).isFalse();
    }

    @Test
    void anEndpointForAllSignalsOrForTracesTurnsThemOn() {
        for (String key : TracingToggle.ENDPOINTS) {
            SmallRyeConfig config = config(Map.of(key, "http://collector:4317"), 300);
            assertThat(sdkDisabled(config)).as(key).isFalse();
            assertThat(jdbcTraced(config)).as(key).isTrue();
            assertThat(kafkaTraced(config)).as(key).isTrue();
        }
    }

    @Test
    void aDefaultEndpointOrABlankOneDoesNotCount() {
        assertThat(sdkDisabled(config(Map.of(TracingToggle.ENDPOINTS.get(0), "http://localhost:4317"), 100))).isTrue();
        assertThat(sdkDisabled(config(Map.of(TracingToggle.ENDPOINTS.get(0), " "), 300))).isTrue();
    }

    @Test
    void anExplicitSdkSettingWins() {
        SmallRyeConfig config = config(Map.of(TracingToggle.ENDPOINTS.get(0), "http://collector:4317",
                TracingToggle.SDK_DISABLED, "true"), 300);
        assertThat(sdkDisabled(config)).isTrue();
        assertThat(sdkDisabled(config(Map.of(TracingToggle.SDK_DISABLED, "false"), 300))).isFalse();
    }
}

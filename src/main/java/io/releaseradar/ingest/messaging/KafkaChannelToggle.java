package io.releaseradar.ingest.messaging;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Enables the {@code support-contacts} Kafka channel exactly when a broker is configured
 * ({@code kafka.bootstrap.servers}, env {@code KAFKA_BOOTSTRAP_SERVERS}), so the service starts without Kafka and
 * ingests over REST only. An explicit {@code mp.messaging.incoming.support-contacts.enabled} still wins.
 */
public class KafkaChannelToggle implements ConfigSourceInterceptor {

    static final String ENABLED = "mp.messaging.incoming.support-contacts.enabled";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !ENABLED.equals(name)) {
            return value;
        }
        ConfigValue servers = context.proceed("kafka.bootstrap.servers");
        boolean configured = servers != null && servers.getValue() != null && !servers.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(configured))
                .withConfigSourceName("KafkaChannelToggle").build();
    }
}

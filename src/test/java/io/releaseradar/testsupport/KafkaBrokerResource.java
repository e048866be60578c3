package io.releaseradar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the application at the in-JVM {@link KafkaBroker} (started on first use) and creates the topics the
 * application reads and writes. {@link #stop()} leaves the broker running: it is shared by all test classes and
 * Quarkus test profiles of the JVM and closed by a shutdown hook.
 *
 * <p>Use with {@code @QuarkusTestResource(KafkaBrokerResource.class)} or from a
 * {@code QuarkusTestProfile#testResources()}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "support-contacts";
    public static final String DLQ_TOPIC = "support-contacts-dlq";

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.createTopic(TOPIC, 4);
        broker.createTopic(DLQ_TOPIC, 1);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker lives for the whole JVM (see KafkaBroker.shared()).
    }
}

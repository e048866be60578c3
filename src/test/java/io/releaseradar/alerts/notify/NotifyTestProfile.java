package io.releaseradar.alerts.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.releaseradar.testsupport.GreenMailResource;
import io.releaseradar.testsupport.KafkaBrokerResource;
import java.util.List;
import java.util.Map;

/**
 * The notification tests' application: a real SMTP server (GreenMail), the in-JVM Kafka broker, and no scheduled
 * delivery runs: the tests run the worker themselves, with the instants they choose, so back-off waits take no
 * time and nothing sends behind their back.
 */
public class NotifyTestProfile implements QuarkusTestProfile {

    /** Back-off after the first failure; later ones double it, up to {@link #BACKOFF_MAX}. */
    static final String BACKOFF_BASE = "1m";
    static final String BACKOFF_MAX = "10m";
    static final int MAX_ATTEMPTS = 4;
    static final int BATCH_SIZE = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "radar.alerts.worker-interval", "off",
                "radar.alerts.backoff-base", BACKOFF_BASE,
                "radar.alerts.backoff-max", BACKOFF_MAX,
                "radar.alerts.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "radar.alerts.batch-size", Integer.toString(BATCH_SIZE),
                "radar.alerts.webhook-timeout", "5s",
                "radar.alerts.dashboard-url", "https://radar.example.com/");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailResource.class),
                new TestResourceEntry(KafkaBrokerResource.class));
    }
}

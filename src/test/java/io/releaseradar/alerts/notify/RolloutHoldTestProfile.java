package io.releaseradar.alerts.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Rollout hold requests switched on, to a {@link RolloutHoldReceiverResource}, signed with {@link #SECRET}; as in
 * {@link NotifyTestProfile}, no scheduled delivery runs (the tests run the worker with the instants they choose) and
 * the same back-off. No Kafka broker and the mock mailer: only the hold requests are under test.
 */
public class RolloutHoldTestProfile implements QuarkusTestProfile {

    static final String SECRET = "rollout-hold-test-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "radar.alerts.worker-interval", "off",
                "radar.alerts.backoff-base", NotifyTestProfile.BACKOFF_BASE,
                "radar.alerts.backoff-max", NotifyTestProfile.BACKOFF_MAX,
                "radar.alerts.max-attempts", Integer.toString(NotifyTestProfile.MAX_ATTEMPTS),
                "radar.alerts.webhook-timeout", "5s",
                "radar.alerts.rollout-hold.secret", SECRET);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RolloutHoldReceiverResource.class));
    }
}

package io.releaseradar.alerts.notify;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link WebhookReceiver} standing in for the release tooling, started before the application so that
 * {@code radar.alerts.rollout-hold.url} can name it.
 */
public class RolloutHoldReceiverResource implements QuarkusTestResourceLifecycleManager {

    private static WebhookReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = WebhookReceiver.start();
        return Map.of("radar.alerts.rollout-hold.url", receiver.url());
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    static WebhookReceiver receiver() {
        return receiver;
    }
}

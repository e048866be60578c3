package io.releaseradar.alerts.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The receiver rules as in production: nothing on this machine allowlisted (the test profile's 127.0.0.1 and
 * localhost are replaced), only the name {@link #LISTED_NAME}, which a test's stand-in DNS points here. No scheduled
 * delivery runs; the tests run the worker themselves.
 */
public class ReceiverRulesTestProfile implements QuarkusTestProfile {

    static final String LISTED_NAME = "hooks.listed.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "radar.alerts.worker-interval", "off",
                "radar.alerts.webhook-timeout", "5s",
                "radar.alerts.webhook-allowed-hosts", LISTED_NAME);
    }
}

package io.releaseradar.dashboard;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.releaseradar.testsupport.GreenMailResource;
import java.util.List;
import java.util.Map;

/**
 * The dashboard as a user meets it: a real SMTP server (GreenMail), the notice worker running on its own, and the
 * demo's notice policy off, so that the notice a test composes is the product's first; the demo's sent-mail view on.
 */
public class DashboardBrowserProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "radar.notices.worker-interval", "1s",
                "radar.notices.max-per-second", "1000",
                "radar.notices.batch-size", "200",
                "radar.alerts.worker-interval", "off",
                "radar.demo.auto-notice", "off",
                "radar.demo.sent-mail-view", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailResource.class));
    }
}

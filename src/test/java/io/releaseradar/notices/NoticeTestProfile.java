package io.releaseradar.notices;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.releaseradar.testsupport.GreenMailResource;
import java.util.List;
import java.util.Map;

/**
 * The notice tests' application: a real SMTP server (GreenMail) and no scheduled delivery runs: the tests run the
 * worker themselves. Small batches, so a test can stop between two of them; short back-off, so retries come soon.
 */
public class NoticeTestProfile implements QuarkusTestProfile {

    static final int BATCH_SIZE = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "radar.notices.worker-interval", "off",
                "radar.notices.batch-size", Integer.toString(BATCH_SIZE),
                "radar.notices.max-per-second", "500",
                "radar.notices.backoff-base", "1s",
                "radar.notices.backoff-max", "2s",
                // with the 2 s back-off: retried through a quarter of an hour of SMTP outage (the drill)
                "radar.notices.max-attempts", "500",
                "radar.notices.public-url", "https://radar.example.com",
                // A send can hang on a connection made while the test SMTP server was starting again; it then fails
                // after this and is retried, well within the tests' waits (production: 30 s).
                "quarkus.mailer.timeout", "5s",
                "radar.alerts.worker-interval", "off");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GreenMailResource.class));
    }
}

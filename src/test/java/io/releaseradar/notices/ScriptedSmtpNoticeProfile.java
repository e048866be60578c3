package io.releaseradar.notices;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.releaseradar.testsupport.ScriptedSmtpServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The notice tests' application ({@link NoticeTestProfile}) with the scripted SMTP server instead of GreenMail. */
public abstract class ScriptedSmtpNoticeProfile implements QuarkusTestProfile {

    /** What the test changes on top of {@link NoticeTestProfile}. */
    protected abstract Map<String, String> changes();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new NoticeTestProfile().getConfigOverrides());
        config.putAll(changes());
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ScriptedSmtpServer.class));
    }
}

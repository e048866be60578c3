package io.releaseradar.notices;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.releaseradar.testsupport.GreenMailResource;
import io.releaseradar.testsupport.ServiceProcess;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * For {@code @QuarkusIntegrationTest}s that need two replicas: a real SMTP server (GreenMail, via
 * {@link GreenMailResource}), the test database, and a second instance of the packaged service
 * ({@link ServiceProcess}) started here, with the same configuration as the
 * instance Quarkus starts for the test, except its port and its sender address. Each instance's mails come from its
 * own {@code From} ({@link #FROM_A}, {@link #FROM_B}), so a test can tell which instance sent what. The delivery
 * worker runs every second in both, in batches of {@link #BATCH_SIZE}, at {@link #PER_SECOND} mails/s each: slow
 * enough that neither can send a notice of a few dozen recipients before the other joins in.
 */
public class TwoInstancesResource implements QuarkusTestResourceLifecycleManager {

    static final String FROM_A = "instance-a@radar.test";
    static final String FROM_B = "instance-b@radar.test";
    static final int BATCH_SIZE = 2;
    static final int PER_SECOND = 10;

    private static volatile URI secondInstance;

    private final GreenMailResource greenMail = new GreenMailResource();
    private ServiceProcess second;

    /** Base URI of the second instance (the first is RestAssured's default). */
    static URI secondInstance() {
        return secondInstance;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> common = new HashMap<>(ServiceProcess.baseConfig());
        common.putAll(greenMail.start());
        common.put("radar.notices.worker-interval", "1s");
        common.put("radar.notices.batch-size", Integer.toString(BATCH_SIZE));
        common.put("radar.notices.max-per-second", Integer.toString(PER_SECOND));

        Map<String, String> b = new HashMap<>(common);
        b.put("quarkus.mailer.from", FROM_B);
        second = ServiceProcess.start("notice-instance-b", b);
        secondInstance = second.uri();

        Map<String, String> a = new HashMap<>(common);
        a.put("quarkus.mailer.from", FROM_A);
        return a;
    }

    @Override
    public void stop() {
        if (second != null) {
            second.close();
        }
        greenMail.stop();
    }
}

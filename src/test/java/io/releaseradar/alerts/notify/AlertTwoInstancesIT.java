package io.releaseradar.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.releaseradar.testsupport.GreenMailResource;
import io.releaseradar.testsupport.IncidentWorld;
import io.releaseradar.testsupport.ServiceProcess;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances on one database both run the alert outbox worker: an alert with {@value #SUBSCRIBERS}
 * e-mail subscribers is mailed to each subscriber exactly once, and both instances took part (told apart by their
 * mails' From). A worker run sends until nothing is due (about 15 mails/s to GreenMail here), so the alert needs
 * enough subscribers that one instance cannot finish before the other's next run, a second later, joins in.
 */
class AlertTwoInstancesIT {

    static final int SUBSCRIBERS = 150;
    static final String FROM_A = "alerts-a@radar.test";
    static final String FROM_B = "alerts-b@radar.test";

    private static final GreenMailResource GREEN_MAIL = new GreenMailResource();
    private static ServiceProcess a;
    private static ServiceProcess b;

    @BeforeAll
    static void start() {
        Map<String, String> common = new HashMap<>(ServiceProcess.baseConfig());
        common.putAll(GREEN_MAIL.start());
        common.put("radar.alerts.worker-interval", "1s");
        common.put("radar.alerts.batch-size", "1");
        Map<String, String> configA = new HashMap<>(common);
        configA.put("quarkus.mailer.from", FROM_A);
        Map<String, String> configB = new HashMap<>(common);
        configB.put("quarkus.mailer.from", FROM_B);
        a = ServiceProcess.start("alert-instance-a", configA);
        b = ServiceProcess.start("alert-instance-b", configB);
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess p : new ServiceProcess[] {a, b}) {
            if (p != null) {
                p.close();
            }
        }
        GREEN_MAIL.stop();
    }

    @Test
    void bothInstancesMailTheAlertAndEachSubscriberGetsItOnce() {
        IncidentWorld world = IncidentWorld.load(a::as);
        List<String> addresses = IntStream.range(0, SUBSCRIBERS).mapToObj(i -> world.product() + "-lead" + i
                + "@radar.test").toList();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Map<String, Object> subscription = new HashMap<>();
            subscription.put("product", world.product());
            subscription.put("minSeverity", "LOW");
            subscription.put("email", addresses.get(i));
            subscription.put("webhookUrl", null);
            subscription.put("webhookSecret", null);
            b.as("support-lead").body(subscription).put("/api/v1/subscriptions/{id}", world.product() + "-s" + i)
                    .then().statusCode(201);
        }

        long t0 = System.nanoTime();
        a.as("admin").body(Map.of("asOf", world.asOf().toString())).post("/api/v1/detection/evaluate").then()
                .statusCode(200).body("opened.product", hasItem(world.product()));

        await("every subscriber mailed").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> addresses.stream().allMatch(m -> !GreenMailResource.mailsTo(m).isEmpty()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Give a second sending of any row the time to show up: both workers run every second.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> addresses.stream().allMatch(m -> GreenMailResource.mailsTo(m).size() == 1));

        Map<String, Long> byInstance = addresses.stream().map(m -> from(GreenMailResource.mailsTo(m).get(0)))
                .collect(Collectors.groupingBy(f -> f, Collectors.counting()));
        System.out.printf("AlertTwoInstancesIT: %d subscribers mailed once each in %.1f s, per instance %s%n",
                SUBSCRIBERS, seconds, byInstance);
        assertThat(byInstance.keySet()).containsExactlyInAnyOrder(FROM_A, FROM_B);
        assertThat(byInstance.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(SUBSCRIBERS);
    }

    private static String from(MimeMessage m) {
        try {
            return m.getFrom()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

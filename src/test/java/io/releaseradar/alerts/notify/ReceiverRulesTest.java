package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receiver rules through the API and the delivery worker, with nothing on this machine allowlisted: internal
 * receivers are refused at registration (400, nothing stored), and a host name that passed registration but resolves
 * to an internal address when the worker calls it (DNS rebinding) is not called.
 *
 * <p>DNS is stood in for by a {@link HostResolver} whose answers the test sets: rebinding needs a name whose answer
 * changes between two lookups, and the JVM's resolver cannot be pointed at a DNS server the test runs (Java 17 has no
 * resolver SPI; a hosts file would be fixed for the whole test JVM). Nothing is ever connected to but 127.0.0.1.
 */
@QuarkusTest
@TestProfile(ReceiverRulesTestProfile.class)
class ReceiverRulesTest {

    /** A public address from the documentation range (RFC 5737): registration looks it up, nothing connects. */
    private static final String PUBLIC = "203.0.113.7";

    @Inject
    AlertEvents events;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    private final Map<String, String> dns = new ConcurrentHashMap<>();

    @BeforeEach
    void standInForDns() {
        QuarkusMock.installMockForType(new HostResolver() {
            @Override
            List<InetAddress> resolve(String host) throws UnknownHostException {
                String address = dns.get(host);
                if (address == null) {
                    throw new UnknownHostException(host);
                }
                return List.of(InetAddress.getByName(address));
            }
        }, HostResolver.class);
    }

    private static Map<String, Object> webhook(String product, String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("product", product);
        body.put("minSeverity", "LOW");
        body.put("webhookUrl", url);
        body.put("webhookSecret", "s-" + product);
        return body;
    }

    private long stored(String id) {
        return Db.count(ds, "SELECT count(*) FROM alert_subscription WHERE id = ?", id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://2130706433/",
        "http://0x7f000001/", "http://017700000001/", "http://127.1/", "http://[::ffff:127.0.0.1]/",
        "http://127.0.0.2/", "http://LOCALHOST./", "https://localhost/", "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.8/", "https://[fd00::1]/", "https://0.0.0.0/", "https://100.64.1.1/", "http://[fe80::1]/",
        "https://[::1]:8443/"})
    void anInternalReceiverIsRefusedWithA400AndNothingIsStored(String url) {
        String id = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(webhook(id, url)).put("/api/v1/subscriptions/{id}", id).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(400))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("webhookUrl"))
                .body("errors[0].message", containsString(ReceiverAddressPolicy.SETTING));
        assertThat(stored(id)).isZero();
    }

    @Test
    void aNameThatResolvesToAnInternalAddressIsRefusedAtRegistration() {
        String id = uniqueProduct();
        String host = id + ".example.test";
        dns.put(host, "10.1.2.3");
        as(Roles.SUPPORT_LEAD).body(webhook(id, "https://" + host + "/hook")).put("/api/v1/subscriptions/{id}", id)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("webhookUrl"))
                .body("errors[0].message", containsString("resolves to a private address (10.1.2.3)"));
        assertThat(stored(id)).isZero();
    }

    @Test
    void aHostThatPassedRegistrationAndThenResolvesToLoopbackIsNotCalled() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket local = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread accept = new Thread(() -> {
                while (!local.isClosed()) {
                    try (Socket s = local.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            String product = uniqueProduct();
            String host = product + ".rebind.test";
            dns.put(host, PUBLIC);
            as(Roles.SUPPORT_LEAD).body(webhook(product, "https://" + host + ":" + local.getLocalPort() + "/hook"))
                    .put("/api/v1/subscriptions/{id}", product).then().statusCode(201);

            dns.put(host, "127.0.0.1"); // the attacker's DNS answers differently now
            AlertView alert = AlertEvents.alert(product, Severity.HIGH);
            events.opened(alert);
            worker.deliverDue(Instant.now());

            List<List<Object>> rows = Db.rows(ds, "SELECT state, attempts, last_error FROM alert_outbox "
                    + "WHERE alert_id = ? AND channel = 'WEBHOOK' AND subscription_id = ?", alert.id(), product);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).subList(0, 2)).containsExactly("FAILED", 1);
            assertThat((String) rows.get(0).get(2)).startsWith("receiver refused, not called: ")
                    .contains(host + " resolves to a loopback address (127.0.0.1)");
            assertThat(connections.get()).as("no connection to the loopback address").isZero();
        }
    }

    @Test
    void aListedNameIsCalledAtTheAddressItResolvedToWithItsOwnHostHeader() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String product = uniqueProduct();
            // Only the stand-in DNS knows this name: a call that reaches the receiver went to the address it gave.
            dns.put(ReceiverRulesTestProfile.LISTED_NAME, "127.0.0.1");
            String url = receiver.url().replace("127.0.0.1", ReceiverRulesTestProfile.LISTED_NAME);
            as(Roles.SUPPORT_LEAD).body(webhook(product, url)).put("/api/v1/subscriptions/{id}", product).then()
                    .statusCode(201);
            AlertView alert = AlertEvents.alert(product, Severity.HIGH);
            events.opened(alert);
            worker.deliverDue(Instant.now());

            assertThat(receiver.calls()).hasSize(1); // its own receiver: only this subscription points to it
            assertThat(receiver.calls().get(0).host())
                    .isEqualTo(ReceiverRulesTestProfile.LISTED_NAME + ":" + url.split(":")[2].split("/")[0]);
            assertThat(Db.rows(ds, "SELECT state FROM alert_outbox WHERE alert_id = ? AND channel = 'WEBHOOK' "
                    + "AND subscription_id = ?", alert.id(), product)).containsExactly(List.of("SENT"));
        }
    }
}

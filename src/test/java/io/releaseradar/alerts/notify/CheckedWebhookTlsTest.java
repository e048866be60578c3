package io.releaseradar.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The https path of {@link CheckedWebhookClient}: the connection goes to the address the receiver rules checked
 * (here 127.0.0.1, which "DNS" gives for {@code receiver.test}), while TLS is spoken with the URL's host name: it
 * is sent as SNI and the certificate must be for it. Two real https receivers on 127.0.0.1, each with a self-signed
 * certificate (made by keytool for the run): one for {@code receiver.test}, which gets the call, and one for
 * {@code other.test}, which must fail the handshake although its certificate is trusted just as well. The test's
 * trust store (both certificates, nothing else) is the JVM's default for the duration of the test, which is what
 * the client trusts when nothing else is configured.
 */
class CheckedWebhookTlsTest {

    private static final String PASSWORD = "changeit";
    private static final String HOST = "receiver.test";

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static HttpsServer right;
    private static HttpsServer wrong;
    private static final List<String> sniSeen = new CopyOnWriteArrayList<>();
    private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private static final List<String> bodies = new CopyOnWriteArrayList<>();
    private static String trustStoreBefore;
    private static String trustStoreTypeBefore;
    private static String trustStorePasswordBefore;

    @BeforeAll
    static void start() throws Exception {
        Path rightStore = keyPair("right", "CN=" + HOST, "dns:" + HOST);
        Path wrongStore = keyPair("wrong", "CN=other.test", "dns:other.test");
        // the trust store: both certificates, so that a failure can only be the name's
        Path trust = dir.resolve("trust.p12");
        for (String alias : List.of("right", "wrong")) {
            Path cert = dir.resolve(alias + ".crt");
            keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                    "-storepass", PASSWORD, "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore",
                    trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        trustStoreBefore = System.getProperty("javax.net.ssl.trustStore");
        trustStoreTypeBefore = System.getProperty("javax.net.ssl.trustStoreType");
        trustStorePasswordBefore = System.getProperty("javax.net.ssl.trustStorePassword");
        System.setProperty("javax.net.ssl.trustStore", trust.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        right = server(rightStore);
        wrong = server(wrongStore);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        restore("javax.net.ssl.trustStore", trustStoreBefore);
        restore("javax.net.ssl.trustStoreType", trustStoreTypeBefore);
        restore("javax.net.ssl.trustStorePassword", trustStorePasswordBefore);
        for (HttpsServer s : new HttpsServer[] {right, wrong}) {
            if (s != null) {
                s.stop(0);
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** A client whose "DNS" answers 127.0.0.1 for receiver.test, which the allowlist lets it call. */
    private static CheckedWebhookClient client() {
        HostResolver dns = new HostResolver() {
            @Override
            List<InetAddress> resolve(String host) throws java.net.UnknownHostException {
                if (!host.equals(HOST)) {
                    throw new java.net.UnknownHostException(host);
                }
                return List.of(InetAddress.getLoopbackAddress());
            }
        };
        ReceiverAddresses receivers = new ReceiverAddresses(ReceiverAddressPolicy.allowing(List.of(HOST)), dns);
        AlertNotifyConfig config = (AlertNotifyConfig) Proxy.newProxyInstance(
                AlertNotifyConfig.class.getClassLoader(), new Class<?>[] {AlertNotifyConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "webhookTimeout" -> Duration.ofSeconds(5);
                    case "webhookTrustStore", "webhookTrustStorePassword" -> java.util.Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new CheckedWebhookClient(vertx, receivers, config);
    }

    @Test
    void httpsToThePinnedAddressWorksWithTheUrlsHostNameAsSniAndCertificateName() throws Exception {
        CheckedWebhookClient client = client();
        try {
            int status = client.post("https://" + HOST + ":" + right.getAddress().getPort() + "/hooks/a?x=1",
                    Map.of("Content-Type", "application/json"), "{\"hello\":1}".getBytes());
            assertEquals(204, status);
            assertEquals(List.of(HOST), sniSeen);
            assertEquals(List.of(HOST + ":" + right.getAddress().getPort()), hostHeaders);
            assertEquals(List.of("{\"hello\":1}"), bodies);
        } finally {
            client.close();
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameFailsTheHandshakeAndNothingIsSent() {
        CheckedWebhookClient client = client();
        int before = bodies.size();
        try {
            DeliveryFailure failure = assertThrows(DeliveryFailure.class, () -> client.post("https://" + HOST + ":"
                    + wrong.getAddress().getPort() + "/hooks/b", Map.of(), "{}".getBytes()));
            assertTrue(failure.getMessage().contains("TLS handshake failed"), failure.getMessage());
            assertTrue(!failure.permanent(), "a certificate can be fixed: retried later");
            assertEquals(before, bodies.size(), "nothing reached the receiver");
        } finally {
            client.close();
        }
    }

    /** An https server on 127.0.0.1 with the key pair of {@code store}, recording SNI, Host header and body. */
    private static HttpsServer server(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        sniSeen.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes()));
                hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private static Path keyPair(String alias, String dname, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}

package io.releaseradar.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook receivers whose certificates a company's private CA signed ({@code RADAR_ALERTS_WEBHOOK_TRUST_STORE}): a
 * test CA made by keytool for the run signs the certificates of two real https receivers on 127.0.0.1, one for
 * {@code hooks.internal} (the URL's host) and one for another name. The JVM does not trust that CA; with it in a PEM or
 * PKCS12 trust store the call goes through, the host name is still checked, and the JVM's own authorities stay trusted.
 */
class WebhookTrustStoreTest {

    private static final String PASSWORD = "changeit";
    private static final String HOST = "hooks.internal";

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static HttpsServer right;
    private static HttpsServer wrongName;
    private static Path caPem;
    private static Path caPkcs12;
    private static final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Release Radar Test CA", "-ext", "bc:c", "-validity", "2", "-keystore", dir.resolve("ca.p12").toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(), "-storepass",
                PASSWORD, "-file", caPem.toString());
        X509Certificate ca = certificates(caPem).get(0);
        // the same CA as a PKCS12 trust store (certificate only), as an operator's keytool would make it
        caPkcs12 = dir.resolve("trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("company-ca", ca);
        try (OutputStream out = Files.newOutputStream(caPkcs12)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        right = server(signedBy(ca, "right", HOST));
        wrongName = server(signedBy(ca, "other", "other.internal"));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        for (HttpsServer s : new HttpsServer[] {right, wrongName}) {
            if (s != null) {
                s.stop(0);
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutTheTrustStoreTheCompanyCasReceiverFailsTheHandshake() {
        int before = bodies.size();
        assertThatThrownBy(() -> post(Optional.empty(), Optional.empty(), right))
                .isInstanceOf(DeliveryFailure.class).hasMessageContaining("TLS handshake failed");
        assertThat(bodies).hasSize(before);
    }

    @Test
    void withTheCaAsPemTheCallGoesThrough() throws Exception {
        assertThat(post(Optional.of(caPem.toString()), Optional.empty(), right)).isEqualTo(204);
        assertThat(bodies).contains("{\"pem\":true}");
    }

    @Test
    void withTheCaAsPkcs12TheCallGoesThrough() throws Exception {
        assertThat(post(Optional.of(caPkcs12.toString()), Optional.of(PASSWORD), right)).isEqualTo(204);
    }

    @Test
    void theCasCertificateForAnotherNameIsStillRefused() {
        int before = bodies.size();
        assertThatThrownBy(() -> post(Optional.of(caPem.toString()), Optional.empty(), wrongName))
                .isInstanceOf(DeliveryFailure.class).hasMessageContaining("TLS handshake failed");
        assertThat(bodies).hasSize(before);
    }

    @Test
    void theJvmsAuthoritiesStayTrustedBesideTheConfiguredOnes() throws Exception {
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        List<X509Certificate> defaults = List.of(((X509TrustManager) jvm.getTrustManagers()[0]).getAcceptedIssuers());
        assertThat(defaults).as("the JVM's cacerts").isNotEmpty();

        TrustManagerFactory combined = WebhookTrustStore.load(Optional.of(caPem.toString()), Optional.empty()).get();

        List<X509Certificate> issuers = List.of(((X509TrustManager) combined.getTrustManagers()[0]).getAcceptedIssuers());
        assertThat(issuers).containsAll(defaults).containsAll(certificates(caPem)).hasSize(defaults.size() + 1);
    }

    @Test
    void aFileThatIsNoTrustStoreOrAWrongPasswordIsNamed() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnope\n");
        assertThatThrownBy(() -> WebhookTrustStore.load(Optional.of(garbage.toString()), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RADAR_ALERTS_WEBHOOK_TRUST_STORE " + garbage + " cannot be read");
        assertThatThrownBy(() -> WebhookTrustStore.load(Optional.of(caPkcs12.toString()), Optional.of("wrong")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PASSWORD");
        assertThatThrownBy(() -> WebhookTrustStore.load(Optional.of(dir.resolve("missing.pem").toString()),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookTrustStore.load(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void theServiceDoesNotStartWithATrustStoreItCannotRead() {
        HostResolver dns = new HostResolver();
        Optional<String> missing = Optional.of(dir.resolve("missing.pem").toString());
        assertThatThrownBy(() -> new ReceiverStartupCheck(config(missing, Optional.empty()), dns).check(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Refusing to start: RADAR_ALERTS_WEBHOOK_TRUST_STORE " + missing.get());
        new ReceiverStartupCheck(config(Optional.of(caPem.toString()), Optional.empty()), dns).check(null);
    }

    private static int post(Optional<String> trustStore, Optional<String> password, HttpsServer receiver)
            throws DeliveryFailure {
        HostResolver dns = new HostResolver() {
            @Override
            List<InetAddress> resolve(String host) {
                return List.of(InetAddress.getLoopbackAddress());
            }
        };
        ReceiverAddresses receivers = new ReceiverAddresses(ReceiverAddressPolicy.allowing(List.of(HOST)), dns);
        CheckedWebhookClient client = new CheckedWebhookClient(vertx, receivers, config(trustStore, password));
        try {
            return client.post("https://" + HOST + ":" + receiver.getAddress().getPort() + "/alerts",
                    Map.of("Content-Type", "application/json"),
                    ("{\"" + (password.isPresent() ? "pkcs12" : "pem") + "\":true}").getBytes());
        } finally {
            client.close();
        }
    }

    private static AlertNotifyConfig config(Optional<String> trustStore, Optional<String> password) {
        AlertNotifyConfig.RolloutHold noHold = (AlertNotifyConfig.RolloutHold) Proxy.newProxyInstance(
                AlertNotifyConfig.class.getClassLoader(), new Class<?>[] {AlertNotifyConfig.RolloutHold.class},
                (proxy, method, args) -> Optional.empty());
        return (AlertNotifyConfig) Proxy.newProxyInstance(
                AlertNotifyConfig.class.getClassLoader(), new Class<?>[] {AlertNotifyConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "webhookTimeout" -> Duration.ofSeconds(5);
                    case "webhookTrustStore" -> trustStore;
                    case "webhookTrustStorePassword" -> password;
                    case "webhookAllowedHosts" -> Optional.of(List.of(HOST));
                    case "rolloutHold" -> noHold;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A key pair for {@code name} whose certificate the test CA signed, as a key store with the chain. */
    private static KeyStore signedBy(X509Certificate ca, String alias, String name) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD, "-file",
                dir.resolve(alias + ".csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(), "-storepass",
                PASSWORD, "-infile", dir.resolve(alias + ".csr").toString(), "-outfile",
                dir.resolve(alias + ".crt").toString(), "-ext", "SAN=dns:" + name, "-validity", "2");
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            generated.load(in, PASSWORD.toCharArray());
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(alias, (PrivateKey) generated.getKey(alias, PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                new Certificate[] {certificates(dir.resolve(alias + ".crt")).get(0), ca});
        return keys;
    }

    private static HttpsServer server(KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            return certificates;
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}

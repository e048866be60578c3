package io.releaseradar.notices;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.releaseradar.platform.devdb.AutoDataSourceConfigSource;
import io.releaseradar.testsupport.GreenMailResource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For {@code @QuarkusIntegrationTest}s that need two replicas: a real SMTP server (GreenMail, via
 * {@link GreenMailResource}), the test database, and a second instance of the packaged service
 * ({@code target/quarkus-app/quarkus-run.jar}, prod profile) started here, with the same configuration as the
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
    static final String HOST = "127.0.0.1";

    private static volatile URI secondInstance;
    // A key pair and secret of this run's own: the prod profile refuses the committed dev key and secrets
    // (ProductionSecretsCheck).
    private static final java.security.KeyPair KEYS = keyPair();

    /** Signs the tokens both instances trust. */
    static java.security.PrivateKey signingKey() {
        return KEYS.getPrivate();
    }

    private static java.security.KeyPair keyPair() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKeyFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("two-instances-jwt", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            java.nio.file.Files.writeString(file, pem);
            return file.toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final GreenMailResource greenMail = new GreenMailResource();
    private Process second;

    /** Base URI of the second instance (the first is RestAssured's default). */
    static URI secondInstance() {
        return secondInstance;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> common = new HashMap<>(greenMail.start());
        common.put("quarkus.datasource.jdbc.url",
                new AutoDataSourceConfigSource().getValue("radar.auto-datasource.url"));
        common.put("quarkus.datasource.username", "postgres");
        common.put("mp.jwt.verify.publickey.location", "file:" + publicKeyFile());
        common.put("mp.messaging.incoming.support-contacts.enabled", "false");
        common.put("radar.detection.interval", "off");
        common.put("radar.alerts.worker-interval", "off");
        common.put("radar.notices.worker-interval", "1s");
        common.put("radar.notices.batch-size", Integer.toString(BATCH_SIZE));
        common.put("radar.notices.max-per-second", Integer.toString(PER_SECOND));
        common.put("radar.notices.unsubscribe-secret", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
        common.put("quarkus.http.host", HOST);

        Map<String, String> b = new HashMap<>(common);
        int port = freePort();
        b.put("quarkus.http.port", Integer.toString(port));
        b.put("quarkus.mailer.from", FROM_B);
        second = launch(b);
        secondInstance = URI.create("http://" + HOST + ":" + port);
        awaitReady(secondInstance);

        Map<String, String> a = new HashMap<>(common);
        a.put("quarkus.mailer.from", FROM_A);
        return a;
    }

    private static Process launch(Map<String, String> config) {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after package");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Nothing inherited may point the instance elsewhere (another database, a broker, a profile).
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_")
                || k.startsWith("KAFKA_") || k.startsWith("RADAR_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.redirectErrorStream(true).redirectOutput(Path.of("target/notice-instance-b.log").toFile());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the second instance", e);
        }
    }

    private void awaitReady(URI base) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5))
                .build();
        await("the second instance ready (log: target/notice-instance-b.log)").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!second.isAlive()) {
                        throw new IllegalStateException("The second instance exited with code "
                                + second.exitValue() + ":\n" + logTail());
                    }
                    return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    private static String logTail() {
        try {
            List<String> lines = Files.readAllLines(Path.of("target/notice-instance-b.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void stop() {
        if (second != null && second.isAlive()) {
            second.destroy();
            try {
                if (!second.waitFor(20, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            } catch (InterruptedException e) {
                second.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        greenMail.stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

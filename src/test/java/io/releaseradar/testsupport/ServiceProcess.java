package io.releaseradar.testsupport;

import static org.awaitility.Awaitility.await;

import io.releaseradar.platform.devdb.AutoDataSourceConfigSource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged service ({@code target/quarkus-app/quarkus-run.jar}, prod profile) as an OS
 * process, for integration tests that need replicas or must kill one. Every instance of a test run trusts the
 * run's own key pair and secrets ({@link #baseConfig()}), since the prod profile refuses the committed dev ones.
 * Its output goes to {@code target/<name>.log}. {@link #kill()} is {@code kill -9}: no shutdown hook runs.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String ISSUER = "https://release-radar.local/issuer";

    private static final KeyPair KEYS = keyPair();
    private static final String SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();
    private static volatile String publicKeyFile;

    private final String name;
    private final Map<String, String> config;
    private final int port;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, Map<String, String> config, int port) {
        this.name = name;
        this.config = config;
        this.port = port;
        this.log = Path.of("target", name + ".log").toAbsolutePath();
    }

    /**
     * What every instance of this run needs: the test database, the run's JWT key and secrets, and everything that
     * runs on a timer off (callers turn on what their test exercises). Kafka consumption is off too.
     */
    public static Map<String, String> baseConfig() {
        Map<String, String> c = new HashMap<>();
        c.put("quarkus.datasource.jdbc.url", new AutoDataSourceConfigSource().getValue("radar.auto-datasource.url"));
        c.put("quarkus.datasource.username", "postgres");
        c.put("mp.jwt.verify.publickey.location", "file:" + publicKeyFile());
        c.put("mp.jwt.verify.issuer", ISSUER);
        c.put("mp.messaging.incoming.support-contacts.enabled", "false");
        c.put("radar.detection.interval", "off");
        c.put("radar.alerts.worker-interval", "off");
        c.put("radar.notices.worker-interval", "off");
        c.put("radar.ingest.retention.interval", "off");
        c.put("radar.notices.unsubscribe-secret", SECRET);
        c.put("quarkus.http.host", HOST);
        return c;
    }

    /** Starts an instance with {@code config} (usually {@link #baseConfig()} plus changes) and waits until ready. */
    public static ServiceProcess start(String name, Map<String, String> config) {
        ServiceProcess p = new ServiceProcess(name, Map.copyOf(config), freePort());
        p.launch();
        return p;
    }

    /** The base URI, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** A JSON request to this instance with a bearer token for the roles, signed with the run's key. */
    public RequestSpecification as(String... roles) {
        return RestAssured.given().baseUri("http://" + HOST).port(port).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token(roles));
    }

    /** A token every instance of this run accepts. */
    public static String token(String... roles) {
        return Jwt.issuer(ISSUER).audience("release-radar").upn("it-user")
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(Duration.ofMinutes(30)).sign(KEYS.getPrivate());
    }

    /** {@code kill -9}: the process ends at once, mid-request, with no shutdown hook or graceful drain. */
    public void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** Starts the instance again on the same port with the same configuration, and waits until ready. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The last lines of this instance's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    public Path log() {
        return log;
    }

    /** A graceful stop (SIGTERM), then a kill after 20 s. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(20)) {
                process.destroyForcibly();
                waitFor(10);
            }
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch() {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after package");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Nothing inherited may point the instance elsewhere (another database, a broker, a profile).
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_")
                || k.startsWith("KAFKA_") || k.startsWith("RADAR_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        await(name + " ready (log: " + log + ")").atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with code " + process.exitValue()
                                + ":\n" + logTail());
                    }
                    return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    private static synchronized String publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                Path file = Files.createTempFile("radar-it-jwt", ".pem");
                file.toFile().deleteOnExit();
                Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                publicKeyFile = file.toAbsolutePath().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

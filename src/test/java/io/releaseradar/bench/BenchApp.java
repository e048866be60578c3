package io.releaseradar.bench;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
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
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the on-demand benchmarks share: the packaged service as a child process (prod profile, on a database the run
 * recreates, 127.0.0.1 only), JDBC connections to that database, bearer tokens signed with the dev key, and a
 * deadline after which the service is stopped and, 30 s later, the benchmark JVM ends.
 *
 * <p>System properties read here: {@code bench.pg.port} (5432), {@code bench.pg.user} (postgres),
 * {@code bench.pg.password} (x), {@code bench.appJvmArgs} (extra JVM options of the service, space separated),
 * {@code bench.appEnv} (extra environment of the service, {@code K=V;K=V}), {@code bench.profile} ({@code true}: a
 * JFR recording of the service in {@code target/bench/app.jfr}).
 */
final class BenchApp implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String ISSUER = "https://release-radar.local/issuer";
    static final String APP_NAME = "release-radar-bench";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    final Path projectDir;
    final Path workDir;
    final String database;
    final boolean profile = Boolean.getBoolean("bench.profile");
    private final int pgPort = Integer.getInteger("bench.pg.port", 5432);
    private final String pgUser = System.getProperty("bench.pg.user", "postgres");
    private final String pgPassword = System.getProperty("bench.pg.password", "x");
    private final Duration deadline;
    private final long deadlineNanos;
    private final AtomicReference<Process> app = new AtomicReference<>();
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledExecutorService watchdog;
    private final Thread hook = new Thread(this::stop, "bench-stop-app");
    // A key pair of this run: the prod profile refuses the committed dev key (ProductionSecretsCheck).
    private final KeyPair keys;
    private final Path publicKeyFile;

    /** Starts the deadline's clock; the service is started by {@link #start}. */
    BenchApp(Path projectDir, String database, Duration deadline) throws IOException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bench.db must be a plain lower-case identifier: " + database);
        }
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.workDir = this.projectDir.resolve("target/bench");
        this.database = database;
        this.deadline = deadline;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        Files.createDirectories(workDir);
        this.keys = rsaKeyPair();
        this.publicKeyFile = Files.writeString(workDir.resolve("jwt-public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        this.watchdog = startWatchdog();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Path jar() {
        Path jar = projectDir.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: ./mvnw -DskipTests package");
        }
        return jar;
    }

    /** Starts the packaged service with the extra JVM options and environment, and waits until it is ready. */
    URI start(List<String> jvmArgs, Map<String, String> extraEnv) throws Exception {
        Path jar = jar();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        String extra = System.getProperty("bench.appJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        if (profile) {
            command.add("-XX:FlightRecorderOptions=stackdepth=256"); // Quarkus stacks are deeper than the default 64
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + workDir.resolve("app.jfr"));
        }
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        // Nothing inherited may point the service elsewhere (another database, a broker, a profile).
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_") || k.startsWith("KAFKA_")
                || k.startsWith("RADAR_") || k.startsWith("SMALLRYE_") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("QUARKUS_HTTP_HOST", HOST);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", pgUser);
        env.put("QUARKUS_DATASOURCE_PASSWORD", pgPassword);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKeyFile.toString());
        env.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        env.put("RADAR_NOTICES_UNSUBSCRIBE_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID());
        // the per-client limit counts items (2,000/s by default): a benchmark measures the service, not the limit
        env.put("RADAR_INGEST_RATE_LIMIT_ENABLED", "false");
        env.putAll(extraEnv);
        for (String pair : System.getProperty("bench.appEnv", "").split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        Path logFile = workDir.resolve("app.log");
        pb.redirectErrorStream(true).redirectOutput(logFile.toFile());
        log("starting the service on %s:%d (log: %s)", HOST, port, logFile);
        app.set(pb.start());
        URI base = URI.create("http://" + HOST + ":" + port);
        awaitReady(base);
        return base;
    }

    private void awaitReady(URI base) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5))
                .build();
        long t0 = System.nanoTime();
        long until = Math.min(t0 + STARTUP_TIMEOUT.toNanos(), deadlineNanos);
        int last = -1;
        while (System.nanoTime() < until) {
            Process p = app.get();
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("The service exited during startup (code "
                        + (p == null ? "?" : p.exitValue()) + "; 143: a SIGTERM from outside):\n" + logTail());
            }
            try {
                last = client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    log("service ready in %.1f s", seconds(System.nanoTime() - t0));
                    return;
                }
            } catch (IOException notListeningYet) {
                // poll again
            }
            Thread.sleep(250); // polling a child process: there is no event to wait for
        }
        throw new IllegalStateException("The service was not ready within " + STARTUP_TIMEOUT + " (last status "
                + last + "):\n" + logTail());
    }

    /** CPU time the service process has used so far. */
    Duration cpu() {
        Process p = app.get();
        return p == null ? Duration.ZERO : p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident set size of the service process in bytes, from /proc; -1 when unknown. */
    long rssBytes() {
        Process p = app.get();
        if (p == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** What to add to a failure: the service's exit code and log when it is gone. */
    String state() {
        Process p = app.get();
        return p == null || p.isAlive() ? "" : "\nThe service process had exited with code " + p.exitValue()
                + " (143: a SIGTERM from outside). Its log:\n" + logTail();
    }

    void stop() {
        Process p = app.getAndSet(null);
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log("service stopped");
    }

    @Override
    public void close() {
        stop();
        watchdog.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("app.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean expired() {
        return expired.get();
    }

    Duration deadline() {
        return deadline;
    }

    long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    /** At the deadline, stops the service (failing any call in flight); 30 s later, ends the JVM outright. */
    private ScheduledExecutorService startWatchdog() {
        ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(daemon("bench-watchdog"));
        long remaining = Math.max(1, remainingMillis());
        w.schedule(() -> {
            expired.set(true);
            System.err.println("[bench] deadline of " + deadline + " exceeded: stopping the service");
            stop();
        }, remaining, TimeUnit.MILLISECONDS);
        w.schedule(() -> {
            System.err.println("[bench] still running 30 s after the deadline: exiting");
            Runtime.getRuntime().halt(3);
        }, remaining + 30_000, TimeUnit.MILLISECONDS);
        return w;
    }

    // --- the database ------------------------------------------------------------------------------------------------

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + HOST + ":" + pgPort + "/" + db;
    }

    /** A connection to the benchmark's database. */
    Connection connect() throws SQLException {
        return connect(database);
    }

    Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", pgUser);
        props.setProperty("password", pgPassword);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "600");
        props.setProperty("ApplicationName", APP_NAME);
        // The driver itself: under exec:java, DriverManager does not see drivers of the project class loader.
        Connection c = new org.postgresql.Driver().connect(jdbcUrl(db), props);
        if (c == null) {
            throw new SQLException("Not a PostgreSQL URL: " + jdbcUrl(db));
        }
        return c;
    }

    void recreateDatabase() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        log("database %s created", database);
    }

    /** A clean start for a timed phase: it does not pay for the previous phase's dirty pages. */
    void checkpoint() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            log("CHECKPOINT skipped: %s", e.getMessage());
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /** An RS256 bearer token with the roles, signed with this run's key, valid for two hours. */
    String token(String upn, String... roles) throws Exception {
        return Jwt.issuer(ISSUER).audience("release-radar").upn(upn).groups(Set.of(roles))
                .expiresIn(Duration.ofHours(2))
                .sign(keys.getPrivate());
    }

    private static KeyPair rsaKeyPair() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has RSA", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The CPU model from /proc/cpuinfo, or n/a. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}

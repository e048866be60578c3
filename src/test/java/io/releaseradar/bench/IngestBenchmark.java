package io.releaseradar.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Ingest speed benchmark, run on demand and never in CI: {@code ./mvnw -Pbench -DskipTests package exec:java}.
 *
 * <p>Starts the packaged service ({@code target/quarkus-app/quarkus-run.jar}, prod profile) on a database created for
 * the run, posts 200,000 generated support contacts in 20 batches of 10,000 to {@code POST /api/v1/contacts/batch}
 * with 2 concurrent clients, then loads the same rows with PostgreSQL {@code COPY} (20 chunks, 2 connections) into a
 * table with the contact columns and no index or constraint. Prints both rates, their ratio against the target
 * (service at least half as fast as COPY) and the row counts found in the database; fails (non-zero exit) when a call
 * fails or a count is wrong. Talks to 127.0.0.1 only, and the whole run is bounded by a deadline.
 *
 * <p>Then three floors, the least PostgreSQL itself must do whatever the service does above it, each chunk in its own
 * transaction on 2 connections: {@code COPY} into a temporary table and {@code INSERT … ON CONFLICT DO NOTHING} into a
 * table with contact's primary key only; the same into a table with all of contact's indexes; and the same plus each
 * chunk's share of the rollup rows the service wrote, copied as they are into tables with the rollups' indexes.
 *
 * <p>Optional system properties: {@code bench.pg.port} (5432), {@code bench.pg.user} (postgres),
 * {@code bench.pg.password} (x), {@code bench.db} (release_radar_bench: dropped and created at start, kept afterwards
 * for inspection), {@code bench.deadline} (PT10M), {@code bench.order} ({@code time}: each batch is a slice of
 * receivedAt order, as a helpdesk export comes; {@code random}: every batch spans the 14 days),
 * {@code bench.appJvmArgs} (extra JVM options of the service, space separated), {@code bench.appEnv} (extra
 * environment of the service, {@code K=V;K=V}), {@code bench.profile} ({@code true}: a JFR recording of the service,
 * and a sampling of what its PostgreSQL backends do during the timed phase). Argument: the project directory.
 */
public final class IngestBenchmark {

    static final int BATCHES = 20;
    static final int BATCH_SIZE = 10_000;
    static final int TOTAL = BATCHES * BATCH_SIZE;
    static final int CLIENTS = 2;
    static final double TARGET_RATIO = 0.50;
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(120);

    private final BenchApp app;
    private final boolean randomOrder = "random".equalsIgnoreCase(System.getProperty("bench.order", "time"));

    private IngestBenchmark(Path projectDir) throws IOException {
        this.app = new BenchApp(projectDir, System.getProperty("bench.db", "release_radar_bench"),
                Duration.parse(System.getProperty("bench.deadline", "PT10M")));
    }

    public static void main(String[] args) throws Exception {
        new IngestBenchmark(Path.of(args.length > 0 ? args[0] : System.getProperty("user.dir"))).run();
    }

    private void run() throws Exception {
        app.jar(); // fails early, with the build command, when the service is not packaged
        String loadBefore = BenchApp.loadAverage();
        try (app) {
            long t0 = System.nanoTime();
            List<Contact> contacts = Generator.contacts(TOTAL, randomOrder);
            List<byte[]> json = new ArrayList<>(BATCHES);
            List<byte[]> csv = new ArrayList<>(BATCHES);
            for (int b = 0; b < BATCHES; b++) {
                List<Contact> slice = contacts.subList(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
                json.add(Serialise.json(slice).getBytes(StandardCharsets.UTF_8));
                csv.add(Serialise.csv(slice).getBytes(StandardCharsets.UTF_8));
            }
            log("generated %,d contacts in %.1f s (%.1f MB of JSON per batch, order: %s)", TOTAL,
                    seconds(System.nanoTime() - t0), json.get(0).length / 1e6, order());

            app.recreateDatabase();
            // Without KAFKA_BOOTSTRAP_SERVERS Quarkus still defaults the broker to localhost:9092 and the channel
            // starts.
            URI base = app.start(List.of("-Dmp.messaging.incoming.support-contacts.enabled=false"), Map.of());
            String token = app.token("ingest-benchmark", "ingest");

            app.checkpoint();
            PgActivity activity = app.profile ? PgActivity.start(app) : null;
            Duration cpuBefore = app.cpu();
            CpuSample machineBefore = CpuSample.now();
            Phase service = runConcurrently("batch", () -> new HttpLane(base, token, json));
            String serviceBusy = CpuSample.now().busySince(machineBefore);
            Duration serviceCpu = app.cpu().minus(cpuBefore);
            if (activity != null) {
                activity.stop();
            }
            log("service: %.2f s, %,.0f rows/s", service.seconds(), service.rowsPerSecond());
            long contactRows = app.queryLong("SELECT count(*) FROM contact");
            long rollupAll = app.queryLong("SELECT coalesce(sum(contacts), 0) FROM hourly_rollup WHERE symptom = ''");
            String rollupRows = String.format(Locale.ROOT, "%,d hourly_rollup, %,d rollup_customer_symptoms",
                    app.queryLong("SELECT count(*) FROM hourly_rollup"),
                    app.queryLong("SELECT count(*) FROM rollup_customer_symptoms"));

            createCopyTable();
            app.checkpoint();
            machineBefore = CpuSample.now();
            Phase copy = runConcurrently("chunk", () -> new CopyLane(app.connect(), csv));
            String copyBusy = CpuSample.now().busySince(machineBefore);
            long copyRows = app.queryLong("SELECT count(*) FROM contact_copy");
            log("COPY: %.2f s, %,.0f rows/s", copy.seconds(), copy.rowsPerSecond());
            app.stop();

            // The floor: the least PostgreSQL must do to store each contact once, whatever the service does above it.
            Floor keyOnly = floor("contact_key_only", "(LIKE contact INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
                    + "PRIMARY KEY (source, external_id))", csv, List.of());
            Floor indexed = floor("contact_indexed", "(LIKE contact INCLUDING ALL)", csv, List.of());
            // ... and with the rollup rows the service wrote, copied as they are into tables with their indexes: no
            // service can write them more cheaply than that.
            List<Copied> rollups = List.of(copied("hourly_rollup"), copied("rollup_customer_symptoms"));
            Floor withRollups = floor("contact_with_rollups", "(LIKE contact INCLUDING ALL)", csv, rollups);

            double ratio = service.rowsPerSecond() / copy.rowsPerSecond();
            StringBuilder out = new StringBuilder("\n");
            out.append("================ Release Radar ingest benchmark ================\n");
            line(out, "rows", "%,d: %d batches of %,d, %d concurrent clients / connections, order: %s", TOTAL,
                    BATCHES, BATCH_SIZE, CLIENTS, order());
            line(out, "service POST /batch", "%,9.0f rows/s  (%.2f s; per batch %s)", service.rowsPerSecond(),
                    service.seconds(), service.latencies());
            line(out, "COPY FROM STDIN (csv)", "%,9.0f rows/s  (%.2f s; per chunk %s)", copy.rowsPerSecond(),
                    copy.seconds(), copy.latencies());
            line(out, "ratio service/COPY", "%9.3f         target >= %.2f: %s", ratio, TARGET_RATIO,
                    ratio >= TARGET_RATIO ? "MET" : "MISSED");
            line(out, "floor: key only", "%,9.0f rows/s  (%.3f of COPY; COPY to a temporary table, then INSERT "
                    + "… ON CONFLICT DO NOTHING into a table with contact's primary key)", keyOnly.phase.rowsPerSecond(),
                    keyOnly.phase.rowsPerSecond() / copy.rowsPerSecond());
            line(out, "floor: contact's indexes", "%,9.0f rows/s  (%.3f of COPY; the same into a table with all of "
                    + "contact's indexes)", indexed.phase.rowsPerSecond(), indexed.phase.rowsPerSecond()
                    / copy.rowsPerSecond());
            line(out, "floor: + rollup rows", "%,9.0f rows/s  (%.3f of COPY; the same, and each chunk's share of the "
                    + "service's rollup rows copied into tables with their indexes)", withRollups.phase.rowsPerSecond(),
                    withRollups.phase.rowsPerSecond() / copy.rowsPerSecond());
            line(out, "contact rows", "%,9d         expected %,d: %s", contactRows, TOTAL, ok(contactRows));
            line(out, "hourly_rollup '' contacts", "%,9d         expected %,d: %s", rollupAll, TOTAL, ok(rollupAll));
            line(out, "contact_copy rows", "%,9d         expected %,d: %s", copyRows, TOTAL, ok(copyRows));
            line(out, "rollup rows written", "%s", rollupRows);
            line(out, "service JVM CPU", "%.1f s during the service phase", serviceCpu.toMillis() / 1000.0);
            line(out, "machine", "%d CPUs, busy %s during the service phase, %s during COPY",
                    Runtime.getRuntime().availableProcessors(), serviceBusy, copyBusy);
            line(out, "load average", "%s before, %s after", loadBefore, BenchApp.loadAverage());
            out.append("================================================================\n");
            if (activity != null) {
                out.append(activity.report()).append("Service JVM: JFR recording ").append(app.workDir.resolve("app.jfr"))
                        .append(" (jfr print --stack-depth 64 --events jdk.ExecutionSample ...)\n");
            }
            System.out.println(out);
            System.out.flush();
            if (contactRows != TOTAL || rollupAll != TOTAL || copyRows != TOTAL || keyOnly.rows != TOTAL
                    || indexed.rows != TOTAL || withRollups.rows != TOTAL) {
                throw new IllegalStateException("Row counts are wrong (see above)");
            }
        }
    }

    private String order() {
        return randomOrder ? "random" : "receivedAt";
    }

    private static String ok(long count) {
        return count == TOTAL ? "OK" : "WRONG";
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "%-26s", label)).append(String.format(Locale.ROOT, format, args))
                .append('\n');
    }

    // --- the timed phases: CLIENTS lanes, each taking the next batch until none is left ------------------------------

    /** One client or connection; {@link #send} answers null when the batch went in whole, else what went wrong. */
    interface Lane extends AutoCloseable {
        String send(int batch) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private Phase runConcurrently(String what, Callable<Lane> newLane) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long[] latencies = new long[BATCHES];
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, BenchApp.daemon("bench-" + what));
        try {
            List<Lane> lanes = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                lanes.add(newLane.call());
            }
            List<Future<?>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Lane lane : lanes) {
                futures.add(pool.submit(() -> {
                    try (lane) {
                        int i;
                        while (failure.get() == null && !app.expired() && (i = next.getAndIncrement()) < BATCHES) {
                            long s = System.nanoTime();
                            String problem;
                            try {
                                problem = lane.send(i);
                            } catch (Exception e) {
                                problem = e.toString();
                            }
                            latencies[i] = System.nanoTime() - s;
                            if (problem != null) {
                                failure.compareAndSet(null, what + " " + i + ": " + problem);
                            } else if (what.equals("batch")) {
                                log("batch %2d stored in %.2f s", i, seconds(latencies[i]));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    // a little past the deadline, so that calls cut off by the watchdog can report why
                    f.get(Math.max(1, app.remainingMillis() + 10_000), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("The deadline of " + app.deadline() + " passed during the " + what
                            + "es");
                }
            }
            long elapsed = System.nanoTime() - t0;
            if (app.expired()) {
                failure.set("the deadline of " + app.deadline() + " passed (" + failure.get() + ")");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Failed: " + failure.get() + app.state());
            }
            return new Phase(elapsed, latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Posts batches with its own HttpClient (one HTTP/1.1 connection). */
    static final class HttpLane implements Lane {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final URI uri;
        private final String token;
        private final List<byte[]> batches;

        HttpLane(URI base, String token, List<byte[]> batches) {
            this.uri = base.resolve("/api/v1/contacts/batch");
            this.token = token;
            this.batches = batches;
        }

        @Override
        public String send(int batch) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batches.get(batch))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (response.statusCode() != 200) {
                return "status " + response.statusCode() + ": " + BenchApp.abbreviate(body);
            }
            JsonNode result = JSON.readTree(body);
            if (result.path("accepted").asInt(-1) != BATCH_SIZE || result.path("duplicates").asInt(-1) != 0
                    || result.path("rejected").size() != 0) {
                return "not all accepted: " + BenchApp.abbreviate(body);
            }
            return null;
        }
    }

    /** Copies chunks over its own connection, each chunk in its own transaction (as each batch is in the service). */
    static final class CopyLane implements Lane {
        private static final String SQL = "COPY contact_copy (" + Serialise.CSV_COLUMNS + ") FROM STDIN (FORMAT csv)";
        private final Connection connection;
        private final CopyManager copy;
        private final List<byte[]> chunks;

        CopyLane(Connection connection, List<byte[]> chunks) throws SQLException {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            this.chunks = chunks;
        }

        @Override
        public String send(int chunk) throws Exception {
            long rows = copy.copyIn(SQL, new ByteArrayInputStream(chunks.get(chunk)));
            return rows == BATCH_SIZE ? null : rows + " rows copied";
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Wall time of a phase and the latency of each batch. */
    record Phase(long nanos, long[] batchNanos) {
        double seconds() {
            return IngestBenchmark.seconds(nanos);
        }

        double rowsPerSecond() {
            return TOTAL / seconds();
        }

        String latencies() {
            long[] sorted = batchNanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "first %.2f, min %.2f, median %.2f, max %.2f s",
                    IngestBenchmark.seconds(batchNanos[0]), IngestBenchmark.seconds(sorted[0]),
                    IngestBenchmark.seconds(sorted[sorted.length / 2]),
                    IngestBenchmark.seconds(sorted[sorted.length - 1]));
        }
    }

    private void createCopyTable() throws SQLException {
        try (Connection c = app.connect(); Statement s = c.createStatement()) {
            // The columns of contact, without keys, indexes, checks or NOT NULL.
            s.execute("""
                    CREATE TABLE contact_copy (
                        id bigint, source text, external_id text, received_at timestamptz, channel text,
                        customer_id text, product text, version text, version_origin text, category text,
                        subject text, body text, ingested_at timestamptz DEFAULT now())""");
        }
    }

    /** A floor phase's time and the rows its table ended with. */
    record Floor(Phase phase, long rows) {
    }

    /**
     * Loads the chunks as the cheapest idempotent store would: {@code COPY} into a temporary table without index,
     * then one {@code INSERT … SELECT … ON CONFLICT DO NOTHING} into {@code table}, each chunk in its own transaction.
     */
    private Floor floor(String table, String definition, List<byte[]> csv, List<Copied> alongside) throws Exception {
        try (Connection c = app.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " " + definition);
        }
        app.checkpoint();
        Phase phase = runConcurrently("floor chunk", () -> new FloorLane(app.connect(), table, csv, alongside));
        long rows = app.queryLong("SELECT count(*) FROM " + table);
        log("floor %s: %.2f s, %,.0f rows/s", table, phase.seconds(), phase.rowsPerSecond());
        return new Floor(phase, rows);
    }

    /** A table's rows in text COPY format, in BATCHES chunks, to be copied into {@code table}. */
    record Copied(String table, List<byte[]> chunks) {
    }

    /** Reads {@code source}'s rows and makes an empty copy of it (with its indexes) for a floor phase to fill. */
    private Copied copied(String source) throws Exception {
        String table = source + "_floor";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Connection c = app.connect(); Statement s = c.createStatement()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + source + " TO STDOUT", all);
            s.execute("CREATE TABLE " + table + " (LIKE " + source + " INCLUDING ALL)");
        }
        byte[] bytes = all.toByteArray();
        List<byte[]> chunks = new ArrayList<>(BATCHES);
        int start = 0;
        for (int b = 1; b <= BATCHES; b++) {
            int end = b == BATCHES ? bytes.length : Math.max(start, (int) ((long) bytes.length * b / BATCHES));
            while (end < bytes.length && end > 0 && bytes[end - 1] != '\n') {
                end++; // a chunk ends at the end of a line
            }
            chunks.add(Arrays.copyOfRange(bytes, start, end));
            start = end;
        }
        return new Copied(table, chunks);
    }

    /** One connection of a floor phase. */
    static final class FloorLane implements Lane {
        private static final String COLUMNS = Serialise.CSV_COLUMNS.substring("id, ".length());
        private final Connection connection;
        private final CopyManager copy;
        private final List<byte[]> chunks;
        private final String insert;
        private final List<Copied> alongside;

        FloorLane(Connection connection, String table, List<byte[]> chunks, List<Copied> alongside)
                throws SQLException {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            this.chunks = chunks;
            this.alongside = alongside;
            this.insert = "INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + COLUMNS
                    + " FROM floor_stage ON CONFLICT DO NOTHING";
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE floor_stage (LIKE contact_copy) ON COMMIT DELETE ROWS");
            }
            connection.setAutoCommit(false);
        }

        @Override
        public String send(int chunk) throws Exception {
            copy.copyIn("COPY floor_stage (" + Serialise.CSV_COLUMNS + ") FROM STDIN (FORMAT csv)",
                    new ByteArrayInputStream(chunks.get(chunk)));
            int rows;
            try (Statement s = connection.createStatement()) {
                rows = s.executeUpdate(insert);
            }
            for (Copied c : alongside) {
                copy.copyIn("COPY " + c.table + " FROM STDIN", new ByteArrayInputStream(c.chunks.get(chunk)));
            }
            connection.commit();
            return rows == BATCH_SIZE ? null : rows + " rows inserted";
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** With bench.profile: every 20 ms, what the service's PostgreSQL backends are doing (statement, wait event). */
    static final class PgActivity {
        private final Map<String, Integer> counts = new HashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private int samples;

        private PgActivity(Connection connection) {
            thread = new Thread(() -> sample(connection), "bench-pg-activity");
            thread.setDaemon(true);
        }

        static PgActivity start(BenchApp app) throws SQLException {
            PgActivity activity = new PgActivity(app.connect());
            activity.thread.start();
            return activity;
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }

        private void sample(Connection connection) {
            try (connection; PreparedStatement s = connection.prepareStatement("""
                    SELECT regexp_replace(left(query, 70), '\\s+', ' ', 'g')
                           || '  [' || coalesce(wait_event_type || ':' || wait_event, 'on CPU') || ']'
                      FROM pg_stat_activity
                     WHERE datname = current_database() AND state = 'active' AND application_name <> ?""")) {
                s.setString(1, BenchApp.APP_NAME);
                while (running.get()) {
                    try (ResultSet r = s.executeQuery()) {
                        synchronized (counts) {
                            samples++;
                            while (r.next()) {
                                counts.merge(r.getString(1), 1, Integer::sum);
                            }
                        }
                    }
                    Thread.sleep(20); // a sampling interval, not a wait for a condition
                }
            } catch (Exception e) {
                log("pg_stat_activity sampling stopped: %s", e);
            }
        }

        String report() {
            StringBuilder out = new StringBuilder();
            synchronized (counts) {
                out.append(String.format(Locale.ROOT, "PostgreSQL backends of the service during the service phase "
                        + "(%d samples; %% of samples a backend was doing this):%n", samples));
                counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                        .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n",
                                100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
            }
            return out.toString();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    static double seconds(long nanos) {
        return BenchApp.seconds(nanos);
    }

    static void log(String format, Object... args) {
        BenchApp.log(format, args);
    }

    /** Machine-wide CPU use between two readings of /proc/stat (everything running counts, not only this run). */
    record CpuSample(long busy, long total) {
        static CpuSample now() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                return new CpuSample(total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total);
            } catch (IOException | RuntimeException e) {
                return new CpuSample(-1, -1);
            }
        }

        String busySince(CpuSample before) {
            return busy < 0 || before.busy < 0 || total == before.total ? "n/a"
                    : String.format(Locale.ROOT, "%.0f%%", 100.0 * (busy - before.busy) / (total - before.total));
        }
    }

    // --- data --------------------------------------------------------------------------------------------------------

    /** One generated contact, with the fields of the contract. */
    record Contact(long id, String source, String externalId, Instant receivedAt, String channel, String customerId,
            String product, String version, String category, String subject, String body) {
    }

    /** Helpdesk traffic for one product over 14 days, the same on every run. */
    static final class Generator {
        static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
        static final long SPAN_SECONDS = Duration.ofDays(14).toSeconds();
        static final int CUSTOMERS = 50_000;
        static final String[] VERSIONS = {"5.0.3", "5.1.0", "5.1.1", "5.2.0", "5.2.1"};
        static final int[] VERSION_WEIGHTS = {10, 20, 30, 30, 10};
        static final String[] SOURCES = {"zendesk", "phone-system", "freshdesk"};
        static final String[] SOURCE_PREFIXES = {"ZD-", "CALL-", "FD-"};
        static final int[] SOURCE_WEIGHTS = {60, 25, 15};
        static final String[] CHANNELS = {"phone", "email", "chat", "web", "social", "other"};
        static final int[] CHANNEL_WEIGHTS = {30, 35, 20, 10, 3, 2};
        static final String[] CATEGORIES = {"Sync Issues", "Login", "Crash", "Billing", "Performance", "Data Loss",
            "Notifications", "Export / Import", "Installation", "How-to"};
        static final String[] SUBJECTS = {"Notes vanished after the update", "Cannot log in since this morning",
            "App crashes when opening a notebook", "Charged twice for my subscription",
            "Very slow to open large notes", "Lost all my edits from yesterday", "Reminders no longer show up",
            "Export to PDF fails with an error", "Installer stops at 80 percent", "How do I share a notebook?",
            "Sync stuck on \"pending\" for hours", "Attachments missing on my phone"};
        static final String[] SUBJECT_TAILS = {" (urgent)", " again", " - please help", " on Windows", " on my Mac",
            "", ""};
        static final String[] SENTENCES = {"Hello,", "Hi support team,",
            "Since updating this morning my notes are gone.",
            "I tried restarting the app and my laptop but nothing changed.",
            "The sync icon keeps spinning and never finishes.", "This is really urgent, I need these notes for work.",
            "My colleague has the same problem on his machine.", "It worked fine until last week.",
            "I get the error \"Something went wrong (code 0x80070005)\" when I open it.",
            "On my phone everything looks normal, only the desktop app is affected.",
            "I already reinstalled it twice.", "The login page says my password is wrong but it is not.",
            "Could you please look into this as soon as possible?", "The app freezes for about 30 seconds.",
            "Müller & Söhne GmbH has 12 seats, all of them see this.",
            "Is there a known issue with the latest version?",
            "I attached a screenshot; the log file is too large to send.", "Thanks in advance for your help.",
            "Best regards,\nAnna", "Kind regards\nJ. O'Connor", "Windows 11, 16 GB RAM, plenty of disk space.",
            "macOS 14.4 on an M2 MacBook Air.", "Export gives an empty file (0 bytes).",
            "Notifications stopped after the update, even though they are switched on.",
            "I was charged 9.99 twice on March 3rd.",
            "Ticket reopened: the workaround from last time no longer helps.",
            "Reminders fire an hour late since the clocks changed.", "Ça ne marche plus depuis la mise à jour."};

        /** 3% anonymous, 5% without category; externalIds unique per source (and overall). */
        static List<Contact> contacts(int n, boolean randomOrder) {
            Random rnd = new Random(20260302L);
            List<Instant> times = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                times.add(START.plusSeconds(rnd.nextLong(SPAN_SECONDS)));
            }
            if (!randomOrder) {
                times.sort(Comparator.naturalOrder());
            }
            List<Contact> out = new ArrayList<>(n);
            int[] perSource = new int[SOURCES.length];
            for (int i = 0; i < n; i++) {
                int source = pick(rnd, SOURCE_WEIGHTS);
                String customer = rnd.nextInt(100) < 3 ? null
                        : String.format(Locale.ROOT, "cust-%05d", rnd.nextInt(CUSTOMERS));
                String category = rnd.nextInt(100) < 5 ? null : CATEGORIES[rnd.nextInt(CATEGORIES.length)];
                String externalId = SOURCE_PREFIXES[source] + (1_000_000 + perSource[source]++);
                out.add(new Contact(i + 1L, SOURCES[source], externalId, times.get(i),
                        CHANNELS[pick(rnd, CHANNEL_WEIGHTS)], customer, "notes", VERSIONS[pick(rnd, VERSION_WEIGHTS)],
                        category, subject(rnd), body(rnd)));
            }
            return out;
        }

        static int pick(Random rnd, int[] weights) {
            int r = rnd.nextInt(Arrays.stream(weights).sum());
            for (int i = 0; i < weights.length; i++) {
                r -= weights[i];
                if (r < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }

        /** About 40 characters. */
        static String subject(Random rnd) {
            return SUBJECTS[rnd.nextInt(SUBJECTS.length)] + SUBJECT_TAILS[rnd.nextInt(SUBJECT_TAILS.length)];
        }

        /** 200 to 400 characters of sentences, some on new lines. */
        static String body(Random rnd) {
            int target = 200 + rnd.nextInt(201);
            StringBuilder b = new StringBuilder(target + 120);
            while (b.length() < target) {
                if (b.length() > 0) {
                    b.append(rnd.nextInt(6) == 0 ? '\n' : ' ');
                }
                b.append(SENTENCES[rnd.nextInt(SENTENCES.length)]);
            }
            if (b.length() > 400) {
                int cut = b.lastIndexOf(" ", 400);
                b.setLength(cut > 200 ? cut : 400);
            }
            return b.toString();
        }
    }

    /** The same rows as the contract's JSON (for the service) and as CSV (for COPY). */
    static final class Serialise {
        static final String CSV_COLUMNS = "id, source, external_id, received_at, channel, customer_id, product, "
                + "version, version_origin, category, subject, body";
        private static final JsonFactory JSON = new JsonFactory();

        static String json(List<Contact> contacts) {
            StringWriter w = new StringWriter(contacts.size() * 650);
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartArray();
                for (Contact c : contacts) {
                    g.writeStartObject();
                    g.writeStringField("source", c.source());
                    g.writeStringField("externalId", c.externalId());
                    g.writeStringField("receivedAt", c.receivedAt().toString());
                    g.writeStringField("channel", c.channel());
                    g.writeStringField("customerId", c.customerId());
                    g.writeStringField("product", c.product());
                    g.writeStringField("version", c.version());
                    g.writeStringField("category", c.category());
                    g.writeStringField("subject", c.subject());
                    g.writeStringField("body", c.body());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }

        /** In the order of {@link #CSV_COLUMNS}; an unquoted empty field is NULL. */
        static String csv(List<Contact> contacts) {
            StringBuilder b = new StringBuilder(contacts.size() * 600);
            for (Contact c : contacts) {
                b.append(c.id()).append(',');
                quote(b, c.source()).append(',');
                quote(b, c.externalId()).append(',');
                b.append(c.receivedAt()).append(',');
                quote(b, c.channel()).append(',');
                quote(b, c.customerId()).append(',');
                quote(b, c.product()).append(',');
                quote(b, c.version()).append(',');
                quote(b, "GIVEN").append(',');
                quote(b, c.category()).append(',');
                quote(b, c.subject()).append(',');
                quote(b, c.body()).append('\n');
            }
            return b.toString();
        }

        private static StringBuilder quote(StringBuilder b, String value) {
            return value == null ? b : b.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}

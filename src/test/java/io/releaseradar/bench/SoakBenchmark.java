package io.releaseradar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.bench.IngestBenchmark.Contact;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Soak run, on demand and never in CI:
 * {@code ./mvnw -Pbench -DskipTests package exec:java -Dexec.mainClass=io.releaseradar.bench.SoakBenchmark}.
 *
 * <p>Starts the packaged service (prod profile, one replica, default JVM options) on a fresh database, sets up
 * {@link DetectionWorkload}'s releases, 50,000 customers and their installations, and then for
 * {@code bench.soakSeconds} (600) runs, all at once: steady ingest ({@code bench.soakRate} contacts/s, default 300,
 * one {@code /contacts/batch} call a second, in event-time order through the workload's 8 weeks), an evaluation
 * every 5 s as of the newest ingested hour (so alerts open and update as the bad version's contacts arrive), and
 * {@value #HEALTH_CLIENTS} clients reading stored health without pause. Every {@value #WINDOW_SECONDS} s it prints a
 * row: throughput, latencies, errors, heap, the live data after the last GC, RSS. At the end: every accepted contact
 * stored once, and whether memory, errors and throughput stayed flat (first vs last third of the run).
 */
public final class SoakBenchmark {

    static final int HEALTH_CLIENTS = 4;
    static final int WINDOW_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchApp app;
    private final int seconds = Integer.getInteger("bench.soakSeconds", 600);
    private final int rate = Integer.getInteger("bench.soakRate", 300);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<SoakWindow> window = new AtomicReference<>(new SoakWindow());
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicReference<Instant> ingestedUntil = new AtomicReference<>();

    private SoakBenchmark(Path projectDir) throws Exception {
        int minutes = Integer.getInteger("bench.soakSeconds", 600) / 60;
        app = new BenchApp(projectDir, System.getProperty("bench.db", "release_radar_soak"),
                Duration.ofMinutes(minutes + 20));
    }

    public static void main(String[] args) throws Exception {
        SoakBenchmark bench = new SoakBenchmark(Path.of(args.length > 0 ? args[0] : System.getProperty("user.dir")));
        try (BenchApp app = bench.app) {
            bench.run();
        }
    }

    private void run() throws Exception {
        DetectionWorkload data = new DetectionWorkload((int) (rate * (seconds + 60L)));
        app.recreateDatabase();
        URI base = app.start(List.of("-Dmp.messaging.incoming.support-contacts.enabled=false"),
                Map.of("RADAR_DETECTION_INTERVAL", "off"));
        new DetectionLoader(app, data, base, app.token("soak", "ingest", "release-manager")).setUp();
        DetectionWorkload.Contacts contacts = data.new Contacts();
        BenchHttp ingest = new BenchHttp(base, app.token("soak", "ingest"));
        BenchHttp admin = new BenchHttp(base, app.token("soak", "admin"));
        List<SoakWindow.Row> rows = new ArrayList<>();
        BenchApp.log("soak: %d s, %d contacts/s, evaluation every 5 s, %d health clients", seconds, rate,
                HEALTH_CLIENTS);
        System.out.println(SoakWindow.Row.HEADER);

        ScheduledExecutorService timers = Executors.newScheduledThreadPool(3, BenchApp.daemon("soak-timer"));
        ExecutorService readers = Executors.newFixedThreadPool(HEALTH_CLIENTS, BenchApp.daemon("soak-health"));
        long t0 = System.nanoTime();
        timers.scheduleAtFixedRate(() -> ingestOnce(ingest, contacts), 0, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(() -> evaluateOnce(admin), 5, 5, TimeUnit.SECONDS);
        for (int c = 0; c < HEALTH_CLIENTS; c++) {
            BenchHttp reader = new BenchHttp(base, app.token("soak", "release-manager"));
            int offset = c;
            readers.submit(() -> readHealth(reader, offset));
        }
        Metrics metrics = new Metrics(base);
        for (int w = 1; w <= seconds / WINDOW_SECONDS && !app.expired(); w++) {
            long due = t0 + TimeUnit.SECONDS.toNanos((long) w * WINDOW_SECONDS);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
            SoakWindow done = window.getAndSet(new SoakWindow());
            SoakWindow.Row row = done.row(w * WINDOW_SECONDS, metrics.read(), app.rssBytes());
            rows.add(row);
            System.out.println(row);
        }
        running.set(false);
        timers.shutdown();
        readers.shutdown();
        timers.awaitTermination(60, TimeUnit.SECONDS);
        readers.awaitTermination(60, TimeUnit.SECONDS);

        long stored = app.queryLong("SELECT count(*) FROM contact");
        long rolled = app.queryLong("SELECT coalesce(sum(contacts), 0) FROM hourly_rollup WHERE symptom = ''");
        System.out.printf(Locale.ROOT, "%naccepted %,d, stored %,d, in the rollups %,d: %s%n", accepted.get(), stored,
                rolled, stored == accepted.get() && rolled == stored ? "each once" : "MISMATCH");
        System.out.println(SoakWindow.verdict(rows));
        System.out.println("load average at the end: " + BenchApp.loadAverage() + "; " + BenchApp.cpuModel());
        if (stored != accepted.get() || rolled != stored) {
            throw new IllegalStateException("stored contacts differ from the accepted ones");
        }
    }

    private void ingestOnce(BenchHttp http, DetectionWorkload.Contacts contacts) {
        if (!running.get() || !contacts.hasNext()) {
            return;
        }
        List<Contact> batch = contacts.next(rate);
        byte[] json = IngestBenchmark.Serialise.json(batch).getBytes(StandardCharsets.UTF_8);
        long s = System.nanoTime();
        try {
            HttpResponse<String> r = http.send("POST", "/api/v1/contacts/batch", json);
            JsonNode body = JSON.readTree(r.body());
            int ok = body.path("accepted").asInt();
            accepted.addAndGet(ok);
            window.get().ingest(System.nanoTime() - s, ok, r.statusCode() != 200 || ok != batch.size());
            ingestedUntil.set(batch.get(batch.size() - 1).receivedAt());
        } catch (Exception e) {
            window.get().ingest(System.nanoTime() - s, 0, true);
        }
    }

    private void evaluateOnce(BenchHttp http) {
        Instant until = ingestedUntil.get();
        if (!running.get() || until == null) {
            return;
        }
        String body = "{\"asOf\":\"" + until.truncatedTo(ChronoUnit.HOURS) + "\"}";
        long s = System.nanoTime();
        try {
            HttpResponse<String> r = http.send("POST", "/api/v1/detection/evaluate",
                    body.getBytes(StandardCharsets.UTF_8));
            window.get().evaluation(System.nanoTime() - s, r.statusCode() != 200);
        } catch (Exception e) {
            window.get().evaluation(System.nanoTime() - s, true);
        }
    }

    private void readHealth(BenchHttp http, int offset) {
        int i = offset;
        while (running.get() && !app.expired()) {
            String version = DetectionWorkload.VERSIONS[i++ % DetectionWorkload.VERSIONS.length];
            long s = System.nanoTime();
            try {
                HttpResponse<String> r = http.send("GET", "/api/v1/products/" + DetectionWorkload.PRODUCT
                        + "/releases/" + version + "/health", null);
                // 404 before a version's first evaluation is an answer, not an error
                window.get().health(System.nanoTime() - s, r.statusCode() != 200 && r.statusCode() != 404);
            } catch (Exception e) {
                window.get().health(System.nanoTime() - s, true);
            }
        }
    }

    /** The service's memory gauges from {@code /q/metrics}. */
    static final class Metrics {
        private final BenchHttp http;

        Metrics(URI base) {
            this.http = new BenchHttp(base, "none");
        }

        /** heap used, old generation used, live data after the last GC (bytes); -1 where missing. */
        long[] read() {
            long heap = 0;
            long old = -1;
            long live = -1;
            try {
                for (String line : http.send("GET", "/q/metrics", null).body().split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        long v = value(line);
                        heap += v;
                        if (line.contains("Old Gen")) {
                            old = v;
                        }
                    } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                        live = value(line);
                    }
                }
            } catch (Exception e) {
                return new long[] {-1, -1, -1};
            }
            return new long[] {heap, old, live};
        }

        private static long value(String line) {
            return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
    }
}

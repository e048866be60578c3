package io.releaseradar.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notice delivery benchmark, run on demand and never in CI:
 * {@code ./mvnw -Pbench -DskipTests package exec:java -Dexec.mainClass=io.releaseradar.bench.NoticeDeliveryBenchmark}.
 *
 * <p>Starts the packaged service (prod profile, detection scheduler off) on a database created for the run, with its
 * mailer pointed at a counting {@link SmtpSink} and {@code RADAR_NOTICES_MAX_PER_SECOND} far above what one replica
 * can send, so the figure is the service's own speed. Builds an install base of {@code bench.recipients} customers
 * with addresses, all on one version, through {@code /customers/batch} and {@code /installations/batch} (10,000 per
 * call), creates one notice with audience INSTALLED, approves it, and waits until the notice is SENT. Reports mails/s
 * (approval to SENT, and first to last mail at the sink), recipients and Message-IDs received more than once (must
 * be 0), recipients never received (must be 0), and the service's memory over the run: heap used and old generation
 * used from {@code /q/metrics}, and the process's RSS, sampled every second. Exits non-zero when a mail is missing or
 * duplicated or a call fails.
 *
 * <p>System properties, besides {@link BenchApp}'s: {@code bench.db} (release_radar_noticebench: dropped and created
 * at start, kept afterwards), {@code bench.recipients} (100000), {@code bench.rate} (100000: the service's
 * {@code RADAR_NOTICES_MAX_PER_SECOND}), {@code bench.deadline} (PT30M). Argument: the project directory.
 */
public final class NoticeDeliveryBenchmark {

    static final String PRODUCT = "bench-notes";
    static final String VERSION = "2.0";
    static final int BATCH = 10_000;
    /** NoticesConfig#maxPerSecond's default: what a replica sends unless configured. */
    static final double DEFAULT_RATE = 50;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final Pattern HEAP_USED = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);
    /** The old generation: what survived young collections, so what a leak would make grow. */
    private static final Pattern OLD_GEN = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*id=\"[^\"]*Old Gen\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern HEAP_MAX = Pattern.compile(
            "^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);

    private final BenchApp app;
    private final int recipients = Integer.getInteger("bench.recipients", 100_000);
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "100000"));

    private NoticeDeliveryBenchmark(Path projectDir) throws Exception {
        app = new BenchApp(projectDir, System.getProperty("bench.db", "release_radar_noticebench"),
                Duration.parse(System.getProperty("bench.deadline", "PT30M")));
    }

    public static void main(String[] args) throws Exception {
        NoticeDeliveryBenchmark bench = new NoticeDeliveryBenchmark(Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.dir")));
        try (BenchApp app = bench.app; SmtpSink sink = new SmtpSink()) {
            bench.run(sink);
        }
    }

    private void run(SmtpSink sink) throws Exception {
        String loadBefore = BenchApp.loadAverage();
        app.recreateDatabase();
        URI base = app.start(List.of("-Dmp.messaging.incoming.support-contacts.enabled=false"), Map.of(
                "RADAR_DETECTION_INTERVAL", "off",
                "QUARKUS_MAILER_HOST", BenchApp.HOST,
                "QUARKUS_MAILER_PORT", Integer.toString(sink.port()),
                "QUARKUS_MAILER_TLS", "false",
                "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_LOGIN", "DISABLED",
                "RADAR_MAIL_FROM", "notices@bench.example.com",
                "RADAR_NOTICES_MAX_PER_SECOND", Double.toString(rate),
                "RADAR_NOTICES_WORKER_INTERVAL", "1s"));
        BenchHttp ingest = new BenchHttp(base, app.token("notice-benchmark", "ingest"));
        BenchHttp manager = new BenchHttp(base, app.token("notice-benchmark", "release-manager"));

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        manager.expect(201, 200, "PUT", "/api/v1/products/" + PRODUCT + "/releases/1.0",
                utf8("{\"releasedAt\":\"" + now.minus(Duration.ofDays(60)) + "\"}"));
        manager.expect(201, 200, "PUT", "/api/v1/products/" + PRODUCT + "/releases/" + VERSION,
                utf8("{\"releasedAt\":\"" + now.minus(Duration.ofDays(10)) + "\",\"previousVersion\":\"1.0\"}"));
        long t0 = System.nanoTime();
        loadInstallBase(ingest, now.minus(Duration.ofDays(5)));
        double loadSeconds = BenchApp.seconds(System.nanoTime() - t0);
        BenchApp.log("install base: %,d customers on %s %s in %.1f s", recipients, PRODUCT, VERSION, loadSeconds);

        Memory memory = new Memory(base);
        memory.sample(); // the start: the loaded service, before the notice
        t0 = System.nanoTime();
        JsonNode draft = MAPPER.readTree(manager.expect(201, "POST", "/api/v1/notices", utf8(MAPPER
                .writeValueAsString(Map.of("product", PRODUCT, "version", VERSION, "audience", "INSTALLED",
                        "subject", "{product} {version} can lose notes",
                        "body", "Dear {name}, please turn sync off until 2.0.1.\n\nYou run {installedVersion}.")))));
        double createSeconds = BenchApp.seconds(System.nanoTime() - t0);
        String id = draft.path("id").asText();
        if (draft.path("audienceSize").asInt() != recipients) {
            throw new IllegalStateException("audienceSize " + draft.path("audienceSize") + ", expected "
                    + recipients + ": " + BenchApp.abbreviate(draft.toString()));
        }
        BenchApp.log("notice %s drafted in %.2f s (audience %,d)", id, createSeconds, recipients);

        memory.startSampling();
        long approveStart = System.nanoTime();
        manager.expect(200, "POST", "/api/v1/notices/" + id + "/approve", null);
        double approveSeconds = BenchApp.seconds(System.nanoTime() - approveStart);
        BenchApp.log("approved in %.2f s", approveSeconds);
        JsonNode notice = awaitSent(manager, id, sink);
        long sentNanos = System.nanoTime() - approveStart;
        memory.stop();
        memory.sample(); // the end
        Duration cpu = app.cpu();

        long[] dup = sink.duplicates();
        long missing = 0;
        for (int c = 0; c < recipients; c++) {
            if (!sink.recipients().containsKey(email(c))) {
                missing++;
            }
        }
        long sentRows = app.queryLong("SELECT count(*) FROM notice_delivery WHERE state = 'SENT'");
        double endToEnd = recipients / BenchApp.seconds(sentNanos);
        double atSink = sink.messages() < 2 ? 0
                : (sink.messages() - 1) / BenchApp.seconds(sink.lastNanos() - sink.firstNanos());
        app.stop();

        StringBuilder out = new StringBuilder("\n");
        out.append("================ Release Radar notice delivery benchmark ================\n");
        line(out, "recipients", "%,d customers with addresses on %s %s, audience INSTALLED", recipients, PRODUCT,
                VERSION);
        line(out, "send rate limit", "RADAR_NOTICES_MAX_PER_SECOND=%s (default %.0f/s per replica: %,.0f s for "
                + "this notice), 1 replica, batch size 50 (default)", fmt(rate), DEFAULT_RATE,
                recipients / DEFAULT_RATE);
        line(out, "install base load", "%.1f s (customers + installations batches of %,d)", loadSeconds, BATCH);
        line(out, "draft (audience)", "%.2f s", createSeconds);
        line(out, "approve (outbox rows)", "%.2f s", approveSeconds);
        line(out, "approve -> SENT", "%.1f s: %,.0f mails/s end to end", BenchApp.seconds(sentNanos), endToEnd);
        line(out, "first -> last mail", "%.1f s: %,.0f mails/s at the sink (%d SMTP connection(s))",
                BenchApp.seconds(sink.lastNanos() - sink.firstNanos()), atSink, sink.connections());
        line(out, "received", "%,d messages; notice %s, deliveries %s; %,d SENT rows", sink.messages(),
                notice.path("status").asText(), notice.path("deliveries"), sentRows);
        line(out, "duplicates", "%d recipients, %d Message-IDs received more than once: %s", dup[0], dup[1],
                dup[0] == 0 && dup[1] == 0 ? "OK" : "WRONG");
        line(out, "missing", "%d recipients never received: %s (%d messages without Message-ID)", missing,
                missing == 0 ? "OK" : "WRONG", sink.withoutMessageId());
        out.append(memory.report());
        line(out, "service CPU", "%.0f s over the whole run", cpu.toMillis() / 1000.0);
        line(out, "machine", "%d CPUs (%s), load average %s before, %s after",
                Runtime.getRuntime().availableProcessors(), BenchApp.cpuModel(), loadBefore, BenchApp.loadAverage());
        out.append("=========================================================================\n");
        System.out.println(out);
        System.out.flush();
        if (dup[0] != 0 || dup[1] != 0 || missing != 0 || sink.messages() != recipients || sentRows != recipients) {
            throw new IllegalStateException("Mails are missing or duplicated (see above)");
        }
    }

    private void loadInstallBase(BenchHttp ingest, Instant installedAt) throws Exception {
        for (int from = 0; from < recipients; from += BATCH) {
            int to = Math.min(recipients, from + BATCH);
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartArray();
                for (int c = from; c < to; c++) {
                    g.writeStartObject();
                    g.writeStringField("id", customerId(c));
                    g.writeStringField("name", "Customer " + c);
                    g.writeStringField("email", email(c));
                    g.writeBooleanField("optedOut", false);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            JsonNode r = MAPPER.readTree(ingest.expect(200, "POST", "/api/v1/customers/batch", utf8(w.toString())));
            if (r.path("upserted").asInt() != to - from || r.path("rejected").size() != 0) {
                throw new IllegalStateException("customers not all upserted: " + BenchApp.abbreviate(r.toString()));
            }
        }
        for (int from = 0; from < recipients; from += BATCH) {
            int to = Math.min(recipients, from + BATCH);
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartArray();
                for (int c = from; c < to; c++) {
                    g.writeStartObject();
                    g.writeStringField("customerId", customerId(c));
                    g.writeStringField("product", PRODUCT);
                    g.writeStringField("version", VERSION);
                    g.writeStringField("installedAt", installedAt.toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            JsonNode r = MAPPER.readTree(ingest.expect(200, "POST", "/api/v1/installations/batch",
                    utf8(w.toString())));
            if (r.path("accepted").asInt() != to - from || r.path("rejected").size() != 0) {
                throw new IllegalStateException("installations not all accepted: "
                        + BenchApp.abbreviate(r.toString()));
            }
        }
    }

    /** Polls the notice once a second until it is SENT, logging progress every 10 s. */
    private JsonNode awaitSent(BenchHttp manager, String id, SmtpSink sink) throws Exception {
        long start = System.nanoTime();
        for (int polls = 0; ; polls++) {
            if (app.expired()) {
                throw new IllegalStateException("the deadline of " + app.deadline() + " passed while sending, "
                        + sink.messages() + " mails received" + app.state());
            }
            JsonNode n = MAPPER.readTree(manager.expect(200, "GET", "/api/v1/notices/" + id, null));
            if (!"SENDING".equals(n.path("status").asText())) {
                return n;
            }
            if (polls % 10 == 0) {
                BenchApp.log("%.0f s: %,d mails at the sink, deliveries %s",
                        BenchApp.seconds(System.nanoTime() - start), sink.messages(), n.path("deliveries"));
            }
            Thread.sleep(1_000); // polling another process: there is no event to wait for
        }
    }

    /** The service's memory, sampled once a second while the notice is sent. */
    private final class Memory {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI metrics;
        private final List<double[]> samples = new ArrayList<>(); // heap used, old generation used, RSS
        private double heapMax = Double.NaN;
        private ScheduledExecutorService sampler;
        private final AtomicInteger failures = new AtomicInteger();

        Memory(URI base) {
            metrics = base.resolve("/q/metrics");
        }

        void startSampling() {
            sampler = Executors.newSingleThreadScheduledExecutor(BenchApp.daemon("bench-memory"));
            sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }

        synchronized void sample() {
            try {
                String body = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                heapMax = sum(HEAP_MAX, body);
                samples.add(new double[] {sum(HEAP_USED, body), sum(OLD_GEN, body), app.rssBytes()});
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }

        synchronized String report() {
            StringBuilder out = new StringBuilder();
            String[] names = {"heap used", "old generation used", "process RSS"};
            for (int k = 0; k < names.length; k++) {
                double first = samples.get(0)[k];
                double last = samples.get(samples.size() - 1)[k];
                double peak = 0;
                for (double[] s : samples) {
                    peak = Math.max(peak, s[k]);
                }
                line(out, names[k], "start %s, peak %s, end %s MiB", mib(first), mib(peak), mib(last));
            }
            line(out, "memory samples", "%d, 1 s apart, from before approval to SENT (%d failed); heap max %s MiB",
                    samples.size(), failures.get(), mib(heapMax));
            return out.toString();
        }

        private static double sum(Pattern p, String body) {
            Matcher m = p.matcher(body);
            double total = 0;
            boolean found = false;
            while (m.find()) {
                double v = Double.parseDouble(m.group(1));
                if (v > 0) {
                    total += v;
                }
                found = true;
            }
            return found ? total : Double.NaN;
        }
    }

    static String customerId(int c) {
        return String.format(Locale.ROOT, "nb-%06d", c);
    }

    static String email(int c) {
        return customerId(c) + "@example.com";
    }

    private static String mib(double bytes) {
        return Double.isNaN(bytes) || bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f", bytes / (1 << 20));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "%-24s", label)).append(String.format(Locale.ROOT, format, args))
                .append('\n');
    }
}

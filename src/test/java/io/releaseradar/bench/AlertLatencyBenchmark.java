package io.releaseradar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releaseradar.alerts.notify.vendor.SlackSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end alert latency, on demand and never in CI: from the POST of the contact that tips the evidence to the
 * Slack call, with the service's default intervals (detection every {@link #DETECTION_INTERVAL}, aligned to the
 * clock, the alert outbox worker every 5 s).
 * {@code ./mvnw -q -Pbench -DskipTests package exec:java -Dexec.mainClass=io.releaseradar.bench.AlertLatencyBenchmark}.
 *
 * <p>Starts the packaged service (prod profile, Kafka off, {@code RADAR_ALERTS_WEBHOOK_ALLOWED_HOSTS=127.0.0.1}) on a
 * database created for the run, and a Slack receiver on 127.0.0.1 in this JVM that checks each body against Slack's
 * documented schema ({@link SlackSchema}) and notes when it arrived. Each run has a product of its own: three versions
 * of 100 customers each, released 10, 9 and 8 days ago, with a week of the usual sync questions as the baseline
 * (through the public batches), and a Slack-kind subscription for it.
 *
 * <p>The evaluator counts the current hour up to {@code asOf} (its contacts so far, its installs for the share of
 * the hour that has passed), so where a tip falls in its hour matters only through that share. The runs' tips are
 * spread uniformly at random over {@code bench.spread} of one hour (from 2 minutes after the start, or from the next
 * hour's start when fewer than {@code bench.minMinutes} are left in this one, to at most 2 minutes before the hour's
 * end). At its instant, customers of version 1.2 report lost notes, one POST {@code /api/v1/contacts} at a time;
 * after each, a backtest as of the scheduler's next turn (the next whole minute, plus a second: the live evaluator
 * over the stored data, no side effects) says whether the evidence then opens an alert. The contact after which it
 * does is the tipping one; the latency is from the start of its POST to the Slack call's arrival, split at the
 * alert's {@code openedAt} (the asOf of the scheduled evaluation that opened it). A run fails if the baseline alone
 * already alerts, if no contact tips it, if the call does not come within 5 minutes of the hour's end, or if a product
 * gets more than one call or an invalid message.
 *
 * <p>With {@code -Dbench.eventTime=closedHour} the runs go one after the other, each after a random wait of up to a
 * minute, and the tipping contacts arrive late: dated 30 s before the current hour began (a helpdesk passing on
 * tickets of the hour that just closed), so a backtest as of now finds the tip and the latency is the pipeline's
 * alone: ingest, the scheduler's next turn, the evaluation, the outbox worker and the call.
 *
 * <p>System properties, besides {@link BenchApp}'s: {@code bench.db} (release_radar_latencybench: dropped and
 * created at start, kept afterwards), {@code bench.runs} (5), {@code bench.eventTime} ({@code now} or
 * {@code closedHour}), {@code bench.minMinutes} (20), {@code bench.spread} (PT56M: at most the hour's 56 minutes
 * between the margins), {@code bench.deadline} (PT2H). Argument: the project
 * directory.
 */
public final class AlertLatencyBenchmark {

    static final String[] VERSIONS = {"1.0", "1.1", "1.2"};
    static final int CUSTOMERS = 300;
    static final int MAX_TIPPING_CONTACTS = 60;
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);
    /** What the service promises (issue 23): the Slack call at most this long after the tipping contact. */
    static final Duration TARGET = Duration.ofSeconds(60);
    /** The shipped default of {@code radar.detection.interval}, read from the config mapping: the benchmark's. */
    static final Duration DETECTION_INTERVAL = shippedDetectionInterval();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Slack call as received. */
    record Call(long nanos, Instant at, JsonNode body, List<String> violations) {
    }

    /** One run's outcome. */
    record Run(String product, int tippingContact, Instant postedAt, Instant openedAt, Duration latency,
            Duration toOpened, Duration openedToCall, int calls, List<String> violations) {
    }

    private final BenchApp app;
    private final int runs = Integer.getInteger("bench.runs", 5);
    /**
     * {@code now}: the tipping contacts happen now (receivedAt = the POST's instant), the live case. {@code closedHour}:
     * they arrive late, dated in the hour that has just closed, so the latency is the pipeline's alone (ingest, the
     * scheduler's next turn, the outbox worker) without the wait for the hour to close.
     */
    private final String eventTime = System.getProperty("bench.eventTime", "now");
    /** Fewer minutes than this left in the current hour: the tips go into the next hour. */
    private final int minMinutes = Integer.getInteger("bench.minMinutes", 20);
    /** How much of the hour the tips are spread over, from the first possible instant. */
    private final Duration spread = Duration.parse(System.getProperty("bench.spread", "PT56M"));
    private final Map<String, List<Call>> calls = new ConcurrentHashMap<>();

    private AlertLatencyBenchmark(Path projectDir) throws Exception {
        app = new BenchApp(projectDir, System.getProperty("bench.db", "release_radar_latencybench"),
                Duration.parse(System.getProperty("bench.deadline", "PT2H")));
    }

    public static void main(String[] args) throws Exception {
        AlertLatencyBenchmark bench = new AlertLatencyBenchmark(Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.dir")));
        ExecutorService threads = Executors.newFixedThreadPool(2, BenchApp.daemon("slack-receiver"));
        HttpServer slack = HttpServer.create(new InetSocketAddress(BenchApp.HOST, 0), 0);
        slack.createContext("/", bench::receive);
        slack.setExecutor(threads);
        slack.start();
        try (BenchApp app = bench.app) {
            bench.run(slack.getAddress().getPort());
        } finally {
            slack.stop(0);
            threads.shutdownNow();
        }
    }

    /** The Slack receiver: notes the arrival first, then reads and checks the body; answers as Slack does. */
    private void receive(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        Instant at = Instant.now();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            JsonNode body = JSON.readTree(raw);
            List<String> violations = body == null ? List.of("$: empty") : SlackSchema.check(body);
            String run = exchange.getRequestURI().getPath().replaceFirst("^/slack/", "");
            calls.computeIfAbsent(run, k -> new CopyOnWriteArrayList<>()).add(new Call(nanos, at, body, violations));
            byte[] reply = (violations.isEmpty() ? "ok" : "invalid_blocks").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(violations.isEmpty() ? 200 : 400, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    private void run(int receiverPort) throws Exception {
        String loadBefore = BenchApp.loadAverage();
        app.recreateDatabase();
        // Detection and the outbox worker keep their defaults: the figure is the shipped configuration's.
        URI base = app.start(List.of("-Dmp.messaging.incoming.support-contacts.enabled=false"),
                Map.of("RADAR_ALERTS_WEBHOOK_ALLOWED_HOSTS", BenchApp.HOST));
        BenchHttp ingest = new BenchHttp(base, app.token("latency-benchmark", "ingest"));
        BenchHttp manager = new BenchHttp(base, app.token("latency-benchmark", "release-manager"));
        BenchHttp lead = new BenchHttp(base, app.token("latency-benchmark", "support-lead"));

        if (eventTime.equals("closedHour")) {
            closedHourRuns(receiverPort, ingest, manager, lead, loadBefore);
            return;
        }
        // Detection counts the current hour up to asOf, its installs for the share of it that has passed: the tips
        // are spread at random over (part of) one hour, so that shares early and late in it are measured.
        Instant now = Instant.now();
        Instant hourEnd = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant from = now.plus(Duration.ofMinutes(2));
        if (Duration.between(from, hourEnd).compareTo(Duration.ofMinutes(minMinutes)) < 0) {
            from = hourEnd;
            hourEnd = hourEnd.plus(Duration.ofHours(1));
        }
        Instant until = hourEnd.minus(Duration.ofMinutes(2));
        until = from.plus(spread).isBefore(until) ? from.plus(spread) : until;
        List<Instant> tips = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            tips.add(from.plusMillis(ThreadLocalRandom.current().nextLong(Duration.between(from, until).toMillis())));
        }
        tips.sort(null);
        List<String> products = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            String product = "latency-" + r + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
            prepare(product, "http://" + BenchApp.HOST + ":" + receiverPort + "/slack/" + product, ingest, manager,
                    lead, hourEnd);
            products.add(product);
        }
        BenchApp.log("%d products loaded; tips at %s; the hour closes at %s", runs, tips, hourEnd);
        List<Tip> tipped = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long wait = Duration.between(Instant.now(), tips.get(r)).toMillis();
            if (wait > 0) {
                Thread.sleep(wait); // the random instant chosen above, not a wait for an event
            }
            Tip tip = tip(products.get(r), ingest, manager, hourEnd);
            tipped.add(tip);
            BenchApp.log("%s: contact #%d, posted at %s, tips the evidence as of the next turn", tip.product(),
                    tip.contact(), tip.postedAt());
        }
        List<Run> results = new ArrayList<>();
        for (Tip tip : tipped) {
            Call call = awaitCall(tip.product(), hourEnd);
            JsonNode alerts = JSON.readTree(lead.expect(200, "GET", "/api/v1/alerts?product=" + tip.product(),
                    null));
            Instant openedAt = Instant.parse(alerts.get(0).get("openedAt").asText());
            results.add(new Run(tip.product(), tip.contact(), tip.postedAt(), openedAt,
                    Duration.ofNanos(call.nanos() - tip.postedNanos()), Duration.between(tip.postedAt(), openedAt),
                    Duration.between(openedAt, call.at()), 0, List.of()));
        }
        // Let a second call, if the service were to send one, arrive before counting them.
        Thread.sleep(6_000); // longer than the worker's 5 s interval: nothing to wait for but its next run
        results = results.stream().map(r -> {
            List<Call> all = calls.getOrDefault(r.product(), List.of());
            return new Run(r.product(), r.tippingContact(), r.postedAt(), r.openedAt(), r.latency(), r.toOpened(),
                    r.openedToCall(), all.size(), all.stream().flatMap(c -> c.violations().stream()).toList());
        }).toList();
        Duration cpu = app.cpu();
        app.stop();
        report(results, loadBefore, cpu);
    }

    /**
     * One run after the other: a product, a random wait of up to a minute (the tip anywhere in the scheduler's
     * interval), contacts dated just before the current hour until a backtest as of now opens an alert, then the
     * Slack call.
     */
    private void closedHourRuns(int receiverPort, BenchHttp ingest, BenchHttp manager, BenchHttp lead,
            String loadBefore) throws Exception {
        List<Run> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            String product = "late-" + r + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
            Instant hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS);
            prepare(product, "http://" + BenchApp.HOST + ":" + receiverPort + "/slack/" + product, ingest, manager,
                    lead, Instant.now());
            Thread.sleep(ThreadLocalRandom.current().nextLong(60_000)); // a random phase, not a wait for an event
            Tip tip = null;
            for (int k = 0; k < MAX_TIPPING_CONTACTS && tip == null; k++) {
                Instant at = Instant.now();
                long posted = System.nanoTime();
                // dated in the hour that closed before this run began, a few seconds before its end
                Map<String, Object> contact = contact(product, "x" + k, 3 * k + 2, hourStart.minusSeconds(30)
                        .plusMillis(k), "Data", "Lost notes after update",
                        "all my notes are gone since 1.2, I lost a week of work");
                ingest.expect(201, "POST", "/api/v1/contacts", JSON.writeValueAsBytes(contact));
                if (alertsAt(manager, product, Instant.now()) > 0) {
                    tip = new Tip(product, k + 1, at, posted);
                }
            }
            if (tip == null) {
                throw new IllegalStateException(product + ": " + MAX_TIPPING_CONTACTS + " contacts did not alert");
            }
            Call call = awaitCall(product, Instant.now());
            JsonNode alerts = JSON.readTree(lead.expect(200, "GET", "/api/v1/alerts?product=" + product, null));
            Instant openedAt = Instant.parse(alerts.get(0).get("openedAt").asText());
            Thread.sleep(6_000); // longer than the worker's 5 s interval: nothing to wait for but its next run
            List<Call> all = calls.getOrDefault(product, List.of());
            Run run = new Run(product, tip.contact(), tip.postedAt(), openedAt,
                    Duration.ofNanos(call.nanos() - tip.postedNanos()), Duration.between(tip.postedAt(), openedAt),
                    Duration.between(openedAt, call.at()), all.size(),
                    all.stream().flatMap(c -> c.violations().stream()).toList());
            results.add(run);
            BenchApp.log("run %d: contact #%d tipped it; Slack called %.1f s after its POST", r, run.tippingContact(),
                    secs(run.latency()));
        }
        Duration cpu = app.cpu();
        app.stop();
        report(results, loadBefore, cpu);
    }

    /** The tipping contact of a run: which one it was, and when its POST started. */
    record Tip(String product, int contact, Instant postedAt, long postedNanos) {
    }

    /** Loads the product's baseline and subscribes Slack to it; fails if the baseline alone would alert. */
    private void prepare(String product, String url, BenchHttp ingest, BenchHttp manager, BenchHttp lead,
            Instant hourEnd) throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));
        loadBaseline(product, t0, ingest, manager);
        Map<String, Object> subscription = new HashMap<>();
        subscription.put("product", product);
        subscription.put("minSeverity", "LOW");
        subscription.put("kind", "slack");
        subscription.put("webhookUrl", url);
        lead.expect(201, "PUT", "/api/v1/subscriptions/" + product, JSON.writeValueAsBytes(subscription));
        if (alertsAt(manager, product, hourEnd) > 0) {
            throw new IllegalStateException(product + ": the baseline alone already alerts");
        }
    }

    /**
     * Customers of 1.2 report lost notes, one POST at a time, until a backtest as of the scheduler's next turn opens
     * an alert: the last contact posted tipped the evidence.
     */
    private Tip tip(String product, BenchHttp ingest, BenchHttp manager, Instant hourEnd) throws Exception {
        for (int k = 0; k < MAX_TIPPING_CONTACTS; k++) {
            Instant at = Instant.now();
            long posted = System.nanoTime();
            Map<String, Object> contact = contact(product, "x" + k, 3 * k + 2, at.truncatedTo(ChronoUnit.MILLIS),
                    "Data", "Lost notes after update", "all my notes are gone since 1.2, I lost a week of work");
            ingest.expect(201, "POST", "/api/v1/contacts", JSON.writeValueAsBytes(contact));
            if (alertsAt(manager, product, nextTurn(Instant.now())) > 0) {
                return new Tip(product, k + 1, at, posted);
            }
        }
        throw new IllegalStateException(product + ": " + MAX_TIPPING_CONTACTS + " contacts did not open an alert");
    }

    /**
     * The asOf of the scheduler's next turn after {@code t}: it runs once per {@link #DETECTION_INTERVAL}, aligned to
     * the epoch, and its 1 s poll reaches the interval's start within a second.
     */
    static Instant nextTurn(Instant t) {
        long ms = DETECTION_INTERVAL.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms + ms).plusSeconds(1);
    }

    private static Duration shippedDetectionInterval() {
        try {
            String d = io.releaseradar.detection.DetectionConfig.class.getMethod("interval")
                    .getAnnotation(io.smallrye.config.WithDefault.class).value();
            return Duration.parse("PT" + d.toUpperCase(Locale.ROOT));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private Call awaitCall(String product, Instant hourEnd) throws InterruptedException {
        long until = System.nanoTime() + Math.max(0, Duration.between(Instant.now(), hourEnd).toNanos())
                + CALL_TIMEOUT.toNanos();
        while (System.nanoTime() < until && !app.expired()) {
            List<Call> got = calls.get(product);
            if (got != null && !got.isEmpty()) {
                return got.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling this JVM's receiver: cheap and fine-grained enough
        }
        throw new IllegalStateException(product + ": no Slack call within " + CALL_TIMEOUT + app.state());
    }

    /** Alerts a backtest as of {@code at} opens for the product: the live evaluator, nothing stored or sent. */
    private int alertsAt(BenchHttp manager, String product, Instant at) throws Exception {
        String asOf = at.truncatedTo(ChronoUnit.MILLIS).toString();
        JsonNode r = JSON.readTree(manager.expect(200, "POST", "/api/v1/backtests", JSON.writeValueAsBytes(Map.of(
                "product", product, "from", asOf, "to", asOf, "step", "PT1H"))));
        return r.path("alerts").size();
    }

    /** Three versions of 100 customers each and a week of the usual sync questions, as {@code IncidentWorld}. */
    private void loadBaseline(String product, Instant t0, BenchHttp ingest, BenchHttp manager) throws Exception {
        for (int v = 0; v < VERSIONS.length; v++) {
            Map<String, Object> release = new HashMap<>();
            release.put("releasedAt", t0.plus(Duration.ofDays(v)).toString());
            release.put("previousVersion", v == 0 ? null : VERSIONS[v - 1]);
            manager.expect(201, "PUT", "/api/v1/products/" + product + "/releases/" + VERSIONS[v],
                    JSON.writeValueAsBytes(release));
        }
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> installs = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(Map.of("id", product + "-c" + i, "email", "c" + i + "@bench.example.com"));
            installs.add(Map.of("customerId", product + "-c" + i, "product", product, "version", VERSIONS[i % 3],
                    "installedAt", t0.plus(Duration.ofDays(i % 3)).plus(Duration.ofHours(1)).toString()));
        }
        ingest.expect(200, "POST", "/api/v1/customers/batch", JSON.writeValueAsBytes(customers));
        ingest.expect(200, "POST", "/api/v1/installations/batch", JSON.writeValueAsBytes(installs));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int day = 3; day < 10; day++) {
            for (int i = 0; i < 12; i++) {
                contacts.add(contact(product, "d" + day + "-" + i, (day * 12 + i * 7) % CUSTOMERS,
                        t0.plus(Duration.ofDays(day)).plus(Duration.ofHours(i * 2)), "Sync Issues", "Sync is slow",
                        "syncing takes minutes"));
            }
        }
        JsonNode r = JSON.readTree(ingest.expect(200, "POST", "/api/v1/contacts/batch",
                JSON.writeValueAsBytes(contacts)));
        if (r.path("accepted").asInt() != contacts.size()) {
            throw new IllegalStateException("baseline contacts not all accepted: " + BenchApp.abbreviate(r.toString()));
        }
    }

    private static Map<String, Object> contact(String product, String id, int customer, Instant at, String category,
            String subject, String body) {
        Map<String, Object> c = new HashMap<>();
        c.put("source", "bench-" + product);
        c.put("externalId", id);
        c.put("receivedAt", at.toString());
        c.put("channel", "phone");
        c.put("customerId", product + "-c" + customer);
        c.put("product", product);
        c.put("version", null);
        c.put("category", category);
        c.put("subject", subject);
        c.put("body", body);
        return c;
    }

    private void report(List<Run> results, String loadBefore, Duration cpu) {
        List<Double> latencies = results.stream().map(r -> secs(r.latency())).sorted().toList();
        double median = latencies.size() % 2 == 1 ? latencies.get(latencies.size() / 2)
                : (latencies.get(latencies.size() / 2 - 1) + latencies.get(latencies.size() / 2)) / 2;
        double max = latencies.get(latencies.size() - 1);
        StringBuilder out = new StringBuilder("\n");
        out.append("================ Release Radar alert latency benchmark ================\n");
        out.append("settings      detection every " + DETECTION_INTERVAL.toSeconds() + " s (default), alert worker every 5 s "
                + "(default), 1 replica; "
                + "contacts dated " + (eventTime.equals("closedHour") ? "in the hour that just closed" : "now")
                + "\n");
        out.append("run  tipping contact  posted (UTC)              alert openedAt            to openedAt  "
                + "openedAt->Slack  latency  calls  schema\n");
        for (int i = 0; i < results.size(); i++) {
            Run r = results.get(i);
            out.append(String.format(Locale.ROOT, "%3d  %15d  %-24s  %-24s  %9.1f s  %13.1f s  %5.1f s  %5d  %s%n",
                    i + 1, r.tippingContact(), r.postedAt().truncatedTo(ChronoUnit.MILLIS),
                    r.openedAt().truncatedTo(ChronoUnit.MILLIS), secs(r.toOpened()), secs(r.openedToCall()),
                    secs(r.latency()), r.calls(), r.violations().isEmpty() ? "ok" : r.violations()));
        }
        out.append(String.format(Locale.ROOT, "latency       median %.1f s, max %.1f s over %d runs (target <= %d s: "
                + "%s)%n", median, max, results.size(), TARGET.toSeconds(), max <= TARGET.toSeconds() ? "met"
                        : "MISSED"));
        out.append(String.format(Locale.ROOT, "service CPU   %.0f s over the whole run%n", cpu.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "machine       %d CPUs (%s), load average %s before, %s after%n",
                Runtime.getRuntime().availableProcessors(), BenchApp.cpuModel(), loadBefore, BenchApp.loadAverage()));
        out.append("=======================================================================\n");
        System.out.println(out);
        System.out.flush();
        if (results.stream().anyMatch(r -> r.calls() != 1 || !r.violations().isEmpty())) {
            throw new IllegalStateException("A run got more than one Slack call or an invalid message (see above)");
        }
    }

    private static double secs(Duration d) {
        return d.toNanos() / 1e9;
    }
}

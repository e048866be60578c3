package io.releaseradar.bench;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.simulation.InMemoryDetectionSource;
import io.releaseradar.simulation.NoticeReplay;
import io.releaseradar.simulation.NoticeReplay.AlertTimeline;
import io.releaseradar.simulation.NoticeTiming;
import io.releaseradar.simulation.NoticeTiming.Outcome;
import io.releaseradar.simulation.ScenarioSpec;
import io.releaseradar.simulation.Scenarios;
import io.releaseradar.simulation.SimulatedWorld;
import io.releaseradar.simulation.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * How early customer notices would reach the customers an incident hits, on demand and never in CI:
 * {@code ./mvnw -q -Pbench test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.releaseradar.bench.NoticeTimingBenchmark}.
 *
 * <p>For every incident scenario of {@link Scenarios} and seed, replays the evaluator hourly in memory
 * ({@link NoticeReplay#timeline}) to find when the bad version's alert opened and reached HIGH and CRITICAL; each
 * policy turns that into the instant T a notice is approved; the audience ALL at T, less the customers who already
 * contacted support about the incident, is mailed at the throttle's rate; {@link NoticeTiming} counts the affected
 * customers whose mail went out before their first related contact. No database, no mail server: the service's
 * notice code is not exercised, only its rules.
 *
 * <p>Options (system properties): {@code bench.seeds} (default 1-5), {@code bench.scenarios} (comma-separated
 * names, default every scenario with an incident), {@code bench.perSecond} (mails per second, default 50, the
 * default of {@code radar.notices.max-per-second} on one replica), {@code bench.threads} (default 2).
 */
public final class NoticeTimingBenchmark {

    /** When a policy approves the notice, from the alert's timeline and the incident's onset; null: never. */
    private record Policy(String name, BiFunction<AlertTimeline, Instant, Instant> approvedAt) {
    }

    private static final List<Policy> POLICIES = List.of(
            new Policy("auto, min HIGH", (a, onset) -> a.reached(Severity.HIGH)),
            new Policy("auto, min CRITICAL", (a, onset) -> a.reached(Severity.CRITICAL)),
            new Policy("manual, open + 1 h", (a, onset) -> plusHours(a.openedAt(), 1)),
            new Policy("manual, open + 4 h", (a, onset) -> plusHours(a.openedAt(), 4)),
            // the other reading of "manual": the same qualifying alert as auto, approved an hour later
            new Policy("manual, HIGH + 1 h", (a, onset) -> plusHours(a.reached(Severity.HIGH), 1)),
            // not a policy: what a notice at the onset itself would do, the most any detector could give
            new Policy("(bound: at onset)", (a, onset) -> onset));

    /** One policy's result over some incidents: the counts, and how long after the onset each notice came. */
    private record Cell(Outcome outcome, List<Double> noticeDelayHours) {

        static final Cell ZERO = new Cell(Outcome.ZERO, List.of());

        Cell plus(Cell o) {
            List<Double> delays = new ArrayList<>(noticeDelayHours);
            delays.addAll(o.noticeDelayHours);
            return new Cell(outcome.plus(o.outcome), delays);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Long> seeds = seeds(System.getProperty("bench.seeds", "1-5"));
        String names = System.getProperty("bench.scenarios", "");
        List<ScenarioSpec> scenarios = names.isBlank()
                ? Scenarios.all().stream().filter(s -> !s.incidents().isEmpty()).toList()
                : Arrays.stream(names.split(",")).map(String::strip).map(Scenarios::named).toList();
        double perSecond = Double.parseDouble(System.getProperty("bench.perSecond", "50"));
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("bench.threads", 2));
        long started = System.nanoTime();
        Map<String, Map<String, Cell>> results = new LinkedHashMap<>();
        try {
            List<Future<Map<String, Cell>>> futures = new ArrayList<>();
            for (ScenarioSpec spec : scenarios) {
                for (long seed : seeds) {
                    futures.add(pool.submit(() -> run(spec, seed, perSecond)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                String scenario = scenarios.get(i / seeds.size()).name();
                Map<String, Cell> byPolicy = results.computeIfAbsent(scenario, k -> new LinkedHashMap<>());
                get(futures.get(i)).forEach((policy, cell) -> byPolicy.merge(policy, cell, Cell::plus));
                log("%s seed %d done", scenario, seeds.get(i % seeds.size()));
            }
        } finally {
            pool.shutdownNow();
        }
        print(scenarios, results, seeds, perSecond);
        System.out.printf(Locale.ROOT, "%nTook %.0f s.%n", (System.nanoTime() - started) / 1e9);
    }

    /** One world: per policy, the outcome summed over its incidents. */
    private static Map<String, Cell> run(ScenarioSpec spec, long seed, double perSecond) {
        SimulatedWorld world = Simulator.simulate(spec, seed);
        InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
        Map<String, Cell> out = new LinkedHashMap<>();
        for (int k = 0; k < world.incidents().size(); k++) {
            SimulatedWorld.Incident incident = world.incidents().get(k);
            AlertTimeline alert = NoticeReplay.timeline(world, k, source, DetectionSettings.defaults());
            Map<String, Instant> first = NoticeReplay.firstRelatedContacts(world, k);
            for (Policy p : POLICIES) {
                Instant t = p.approvedAt().apply(alert, incident.onset());
                Cell cell = t == null ? new Cell(NoticeTiming.none(first), List.of())
                        : new Cell(NoticeTiming.of(t, perSecond,
                                NoticeReplay.audienceAll(world, incident.version(), t), first),
                                List.of(Duration.between(incident.onset(), t).toMinutes() / 60.0));
                out.merge(p.name(), cell, Cell::plus);
            }
        }
        return out;
    }

    private static void print(List<ScenarioSpec> scenarios, Map<String, Map<String, Cell>> results, List<Long> seeds,
            double perSecond) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Customer notices: warned before their "
                + "first related contact (seeds %s; audience ALL in customer-id order, %s mails/s)%n", seeds,
                number(perSecond)));
        Map<String, Cell> totals = new LinkedHashMap<>();
        for (ScenarioSpec spec : scenarios) {
            Map<String, Cell> byPolicy = results.get(spec.name());
            out.append(String.format(Locale.ROOT, "%n### %s: %s%n%n", spec.name(), spec.description()));
            table(out, byPolicy);
            byPolicy.forEach((policy, cell) -> totals.merge(policy, cell, Cell::plus));
        }
        out.append(String.format(Locale.ROOT, "%n### All %d incident scenarios x %d seeds%n%n", scenarios.size(),
                seeds.size()));
        table(out, totals);
        out.append("""

                Warned: mail sent strictly before the customer's first contact about the incident, over all customers \
                who made one. Reachable: those whose first such contact came at or after the approval (the others \
                are suppressed), and all of them when no notice went out. Manual: approved by a release manager that \
                long after the alert opened (at any severity) or reached HIGH. Notice after onset and lead: medians \
                over notices and over warned customers.
                """);
        System.out.print(out);
    }

    private static void table(StringBuilder out, Map<String, Cell> byPolicy) {
        out.append("| Policy | Notices | Notice after onset (h) | Warned in time / affected | Of reachable | "
                + "Median lead (h) | Reachable, not in audience |\n|---|---|---|---|---|---|---|\n");
        byPolicy.forEach((policy, cell) -> {
            Outcome o = cell.outcome();
            out.append(String.format(Locale.ROOT, "| %s | %d/%d | %s | %s (%d/%d) | %s (%d/%d) | %s | %d |%n",
                    policy, o.notices(), o.incidents(), number(NoticeTiming.median(cell.noticeDelayHours())),
                    pct(o.share()), o.warned(), o.affected(), pct(o.shareOfReachable()), o.warned(), o.reachable(),
                    number(o.medianLeadHours()), o.outsideAudience()));
        });
    }

    private static Instant plusHours(Instant t, int hours) {
        return t == null ? null : t.plus(Duration.ofHours(hours));
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.0f", x);
    }

    private static List<Long> seeds(String list) {
        List<Long> seeds = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            if (!range[0].isEmpty()) {
                long to = Long.parseLong(range[range.length - 1]);
                for (long s = Long.parseLong(range[0]); s <= to; s++) {
                    seeds.add(s);
                }
            }
        }
        return seeds;
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}

package io.releaseradar.bench;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.simulation.DetectionReplay;
import io.releaseradar.simulation.DetectionReplay.Score;
import io.releaseradar.simulation.DetectionReplay.Suspicion;
import io.releaseradar.simulation.DetectionReplay.Trace;
import io.releaseradar.simulation.InMemoryDetectionSource;
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
import java.util.function.Function;

/**
 * Detection-quality benchmark, on demand and never in CI:
 * {@code ./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=io.releaseradar.bench.DetectionQualityBenchmark -Dexec.classpathScope=test}.
 *
 * <p>For every scenario of {@link Scenarios} and seed, simulates the world, evaluates it hourly over its four-week
 * evaluation period with {@code Evaluator.evaluate} on an {@link InMemoryDetectionSource} (the code that runs live,
 * on data built like the service's rollups), and scores the alerts against the ground truth: recall, median and p90
 * detection delay (hours after onset), false version alerts per 100 version-weeks, symptom attribution and the share
 * of affected customers warned before their first contact about the incident (see {@link DetectionReplay}).
 * Beside it, two reference detectors on the same data: EARS C2 on exposure-normalised counts
 * ({@link EarsC2Reference}) and an exact rate-ratio test against the other versions ({@link RateRatioReference}).
 *
 * <p>Separate seeds: on the tuning seeds the evaluator's {@link DetectionSettings} are chosen from a small grid
 * (the most recall at no more than the target false-alert rate, then the shortest median delay) and each reference's
 * threshold is calibrated to the target false-alert rate; the table reports the other seeds. Prints Markdown.
 *
 * <p>Options (system properties): {@code bench.seeds} (report seeds, default 1-5), {@code bench.tuneSeeds}
 * (default 101-103), {@code bench.scenarios} (comma-separated names, default all), {@code bench.tune} (false: ship
 * the defaults untuned), {@code bench.allContactsShare} (try another share of the FDR level for the all-contacts
 * tests), {@code bench.windows} (other windows, ISO-8601 durations, comma-separated), {@code bench.fdr} (another
 * false discovery rate), {@code bench.targetFalseAlerts} (per 100 version-weeks, default 1.0),
 * {@code bench.threads} (default 2). The three trial settings apply before tuning, so use them with
 * {@code bench.tune=false}.
 */
public final class DetectionQualityBenchmark {

    private static final String RADAR = "Release Radar";
    private static final String EARS = "EARS C2";
    private static final String RATE_RATIO = "Rate-ratio test";

    /** A world ready to replay: ground truth (without the raw data, to save memory) and its source. */
    record Prepared(SimulatedWorld world, InMemoryDetectionSource source) {
    }

    private final List<ScenarioSpec> scenarios;
    private final ExecutorService pool;
    private final double target;

    private DetectionQualityBenchmark(List<ScenarioSpec> scenarios, int threads, double target) {
        this.scenarios = scenarios;
        this.pool = Executors.newFixedThreadPool(threads);
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        List<Long> seeds = seeds(System.getProperty("bench.seeds", "1,2,3,4,5"));
        List<Long> tuneSeeds = seeds(System.getProperty("bench.tuneSeeds", "101,102,103"));
        String names = System.getProperty("bench.scenarios", "");
        List<ScenarioSpec> scenarios = names.isBlank() ? Scenarios.all()
                : Arrays.stream(names.split(",")).map(String::strip).map(Scenarios::named).toList();
        boolean tune = Boolean.parseBoolean(System.getProperty("bench.tune", "true"));
        double target = Double.parseDouble(System.getProperty("bench.targetFalseAlerts", "1.0"));
        int threads = Integer.getInteger("bench.threads", 2);
        long started = System.nanoTime();
        DetectionQualityBenchmark bench = new DetectionQualityBenchmark(scenarios, threads, target);
        try {
            bench.run(seeds, tuneSeeds, tune);
        } finally {
            bench.pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "%nTook %.0f s.%n", (System.nanoTime() - started) / 1e9);
    }

    private void run(List<Long> seeds, List<Long> tuneSeeds, boolean tune) throws Exception {
        log("Simulating %d scenarios x %d tuning seeds %s", scenarios.size(), tuneSeeds.size(), tuneSeeds);
        List<Prepared> tuning = prepare(tuneSeeds);

        DetectionSettings settings = DetectionSettings.defaults();
        String share = System.getProperty("bench.allContactsShare");
        if (share != null) {
            settings = withAllContactsShare(settings, Double.parseDouble(share));
        }
        String windows = System.getProperty("bench.windows");
        if (windows != null) {
            settings = withWindows(settings, Arrays.stream(windows.split(",")).map(Duration::parse).toList());
        }
        String fdr = System.getProperty("bench.fdr");
        if (fdr != null) {
            settings = withFalseDiscoveryRate(settings, Double.parseDouble(fdr));
        }
        if (tune) {
            settings = tune(tuning);
        }
        DetectionSettings chosen = settings;
        double earsThreshold = calibrate(EARS, tuning, p -> ears(p, chosen));
        double rateRatioThreshold = calibrate(RATE_RATIO, tuning, p -> rateRatio(p, chosen));
        tuning = null; // the report worlds need the memory

        log("Simulating %d scenarios x %d report seeds %s", scenarios.size(), seeds.size(), seeds);
        List<Prepared> report = prepare(seeds);
        Map<String, Map<String, Score>> results = new LinkedHashMap<>();
        results.put(RADAR, byScenario(traces(report, p -> radar(p, chosen)), 0.5));
        results.put(EARS, byScenario(traces(report, p -> ears(p, chosen)), earsThreshold));
        results.put(RATE_RATIO, byScenario(traces(report, p -> rateRatio(p, chosen)), rateRatioThreshold));
        Map<String, Double> bounds = earliestPossible(report, chosen.minCustomers());
        print(results, bounds, chosen, earsThreshold, rateRatioThreshold, seeds, tuneSeeds, tune);
    }

    // --- worlds and replays ------------------------------------------------------------------------------------

    private List<Prepared> prepare(List<Long> seeds) throws Exception {
        List<Future<Prepared>> futures = new ArrayList<>();
        for (ScenarioSpec spec : scenarios) {
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    SimulatedWorld world = Simulator.simulate(spec, seed);
                    InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
                    SimulatedWorld truth = new SimulatedWorld(spec, seed, world.releases(), List.of(), List.of(),
                            List.of(), world.incidents());
                    return new Prepared(truth, source);
                }));
            }
        }
        return collect(futures);
    }

    private static Function<Instant, Map<String, Suspicion>> radar(Prepared p, DetectionSettings s) {
        return DetectionReplay.evaluator(p.world().product(), p.source(), s);
    }

    private static Function<Instant, Map<String, Suspicion>> ears(Prepared p, DetectionSettings s) {
        return new EarsC2Reference(p.world().product(), p.source(), s.minCustomers(), s.minActiveInstalls());
    }

    private static Function<Instant, Map<String, Suspicion>> rateRatio(Prepared p, DetectionSettings s) {
        return new RateRatioReference(p.world().product(), p.source(), s.minCustomers(), s.minActiveInstalls());
    }

    private List<Trace> traces(List<Prepared> worlds,
            Function<Prepared, Function<Instant, Map<String, Suspicion>>> detector) throws Exception {
        List<Future<Trace>> futures = new ArrayList<>();
        for (Prepared p : worlds) {
            futures.add(pool.submit(() -> DetectionReplay.trace(p.world(), p.source(), detector.apply(p))));
        }
        return collect(futures);
    }

    private static Score total(List<Trace> traces, double threshold) {
        Score s = Score.ZERO;
        for (Trace t : traces) {
            s = s.plus(DetectionReplay.score(t, threshold));
        }
        return s;
    }

    private Map<String, Score> byScenario(List<Trace> traces, double threshold) {
        Map<String, Score> out = new LinkedHashMap<>();
        for (ScenarioSpec spec : scenarios) {
            out.put(spec.name(), Score.ZERO);
        }
        for (Trace t : traces) {
            out.merge(t.world().spec().name(), DetectionReplay.score(t, threshold), Score::plus);
        }
        return out;
    }

    // --- tuning and calibration --------------------------------------------------------------------------------

    /**
     * The grid the evaluator's settings are tuned over: FDR, fewest customers and CUSUM threshold around the shipped
     * defaults (which are in it); the other settings as shipped. The FDR steps are about 2x apart near the chosen
     * level: the references are calibrated to the false-alert target on a continuous threshold, and 10x steps left
     * the evaluator well below it.
     */
    static List<DetectionSettings> grid() {
        DetectionSettings d = DetectionSettings.defaults();
        java.util.Set<DetectionSettings> grid = new java.util.LinkedHashSet<>();
        grid.add(d);
        for (double fdr : new double[] {1e-2, 2e-3, 1e-3, 5e-4, 1e-4}) {
            for (int minCustomers : new int[] {3, 5}) {
                for (double cusum : new double[] {6, 10}) {
                    grid.add(new DetectionSettings(d.windows(), fdr, d.allContactsShare(), d.minRateRatio(),
                            minCustomers, d.minActiveInstalls(), d.cusumDays(), d.cusumRateFactor(), cusum, d.surgeRatio(),
                            d.criticalPhrases()));
                }
            }
        }
        // the all-contacts tests' share of the FDR level, the other settings as shipped
        for (double share : new double[] {0.0, 0.1, 0.25, 0.5}) {
            grid.add(withAllContactsShare(d, share));
        }
        return List.copyOf(grid);
    }

    static DetectionSettings withWindows(DetectionSettings d, List<Duration> windows) {
        return new DetectionSettings(windows, d.falseDiscoveryRate(), d.allContactsShare(), d.minRateRatio(),
                d.minCustomers(), d.minActiveInstalls(), d.cusumDays(), d.cusumRateFactor(), d.cusumThreshold(),
                d.surgeRatio(), d.criticalPhrases());
    }

    static DetectionSettings withFalseDiscoveryRate(DetectionSettings d, double fdr) {
        return new DetectionSettings(d.windows(), fdr, d.allContactsShare(), d.minRateRatio(), d.minCustomers(),
                d.minActiveInstalls(), d.cusumDays(), d.cusumRateFactor(), d.cusumThreshold(), d.surgeRatio(),
                d.criticalPhrases());
    }

    static DetectionSettings withAllContactsShare(DetectionSettings d, double share) {
        return new DetectionSettings(d.windows(), d.falseDiscoveryRate(), share, d.minRateRatio(), d.minCustomers(),
                d.minActiveInstalls(), d.cusumDays(), d.cusumRateFactor(), d.cusumThreshold(), d.surgeRatio(),
                d.criticalPhrases());
    }

    private DetectionSettings tune(List<Prepared> tuning) throws Exception {
        DetectionSettings best = null;
        Score bestScore = null;
        for (DetectionSettings s : grid()) {
            Score score = total(traces(tuning, p -> radar(p, s)), 0.5);
            log("  %s -> recall %.2f, median delay %.1f h, false alerts %.2f /100 vw", describe(s), score.recall(),
                    score.delayQuantile(0.5), score.falseAlertsPer100VersionWeeks());
            if (better(score, bestScore)) {
                best = s;
                bestScore = score;
            }
        }
        log("Chosen: %s", describe(best));
        return best;
    }

    /** Within the false-alert target first; then more recall; then a shorter median delay. */
    private boolean better(Score a, Score b) {
        if (b == null) {
            return true;
        }
        boolean aOk = a.falseAlertsPer100VersionWeeks() <= target;
        boolean bOk = b.falseAlertsPer100VersionWeeks() <= target;
        if (aOk != bOk) {
            return aOk;
        }
        if (!aOk) {
            return a.falseAlertsPer100VersionWeeks() < b.falseAlertsPer100VersionWeeks();
        }
        if (a.detected() != b.detected()) {
            return a.detected() > b.detected();
        }
        return a.delayQuantile(0.5) < b.delayQuantile(0.5);
    }

    /** The lowest threshold whose false alerts on the tuning worlds stay within the target (bisection). */
    private double calibrate(String name, List<Prepared> tuning,
            Function<Prepared, Function<Instant, Map<String, Suspicion>>> detector) throws Exception {
        List<Trace> traces = traces(tuning, detector);
        double lo = 0;
        double hi = 1;
        while (total(traces, hi).falseAlertsPer100VersionWeeks() > target) {
            hi *= 2;
        }
        for (int i = 0; i < 40; i++) {
            double mid = (lo + hi) / 2;
            if (total(traces, mid).falseAlertsPer100VersionWeeks() > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Score s = total(traces, hi);
        log("%s calibrated: threshold %.3f -> recall %.2f, false alerts %.2f /100 vw on the tuning seeds", name, hi,
                s.recall(), s.falseAlertsPer100VersionWeeks());
        return hi;
    }

    // --- output ------------------------------------------------------------------------------------------------

    /**
     * Per incident (keyed as {@link DetectionReplay#score} keys delays), the delay at which the incident first had
     * {@code minCustomers} affected customers: the first whole hour after its {@code minCustomers}-th affected customer
     * first contacted support (evaluations read complete hours only). All three detectors need that many customers
     * behind a signal, so they flag earlier only with customers of the same symptom the incident did not cause.
     */
    static Map<String, Double> earliestPossible(List<Prepared> worlds, int minCustomers) {
        Map<String, Double> out = new java.util.HashMap<>();
        for (Prepared p : worlds) {
            SimulatedWorld w = p.world();
            for (int k = 0; k < w.incidents().size(); k++) {
                SimulatedWorld.Incident incident = w.incidents().get(k);
                List<Instant> first = incident.affected().stream().map(SimulatedWorld.AffectedCustomer::firstContactAt)
                        .filter(t -> !t.isBefore(incident.onset())).sorted().toList();
                if (first.size() >= minCustomers) {
                    Instant visible = first.get(minCustomers - 1).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                            .plus(Duration.ofHours(1));
                    out.put(w.spec().name() + "/" + w.seed() + "/" + k,
                            Duration.between(incident.onset(), visible).toMinutes() / 60.0);
                }
            }
        }
        return out;
    }

    /** On how many of the incidents a flagged at or before the hour the incident first had enough customers. */
    static long atBound(Score a, Map<String, Double> bounds, java.util.Collection<String> incidents) {
        return incidents.stream().filter(k -> bounds.containsKey(k) && a.delays().get(k) <= bounds.get(k)).count();
    }

    /** The median over the incidents of a's delay beyond the hour the incident first had enough customers. */
    static double medianExcess(Score a, Map<String, Double> bounds, java.util.Collection<String> incidents) {
        return median(incidents.stream().filter(bounds::containsKey).map(k -> a.delays().get(k) - bounds.get(k))
                .toList());
    }

    private void print(Map<String, Map<String, Score>> results, Map<String, Double> bounds, DetectionSettings s,
            double ears, double rateRatio, List<Long> seeds, List<Long> tuneSeeds, boolean tuned) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Detection quality (report seeds %s; %s on seeds %s)%n%n",
                seeds, tuned ? "settings tuned and references calibrated" : "references calibrated", tuneSeeds));
        out.append("| Scenario | Incidents | Recall | Median delay (h) | p90 delay (h) | False version alerts /100 "
                + "version-weeks | Attribution | Warned before contact |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, Score> radar = results.get(RADAR);
        radar.forEach((name, score) -> out.append(row(name, score)));
        out.append(row("**all**", sum(radar)));

        out.append(String.format(Locale.ROOT, "%n### Against the reference detectors (same data; recall / median "
                + "delay h / false alerts per 100 version-weeks)%n%n| Scenario | %s | %s | %s |%n|---|---|---|---|%n",
                RADAR, EARS, RATE_RATIO));
        for (String name : radar.keySet()) {
            out.append("| ").append(name);
            for (Map<String, Score> r : results.values()) {
                out.append(" | ").append(brief(r.get(name)));
            }
            out.append(" |\n");
        }
        out.append("| **all**");
        for (Map<String, Score> r : results.values()) {
            out.append(" | **").append(brief(sum(r))).append("**");
        }
        out.append(" |\n");

        Score all = sum(radar);
        Score e = sum(results.get(EARS));
        Score r = sum(results.get(RATE_RATIO));
        // delays compared on the incidents every detector found: a detector that finds only the easy ones would
        // otherwise look fast
        java.util.Set<String> common = new java.util.TreeSet<>(all.delays().keySet());
        common.retainAll(e.delays().keySet());
        common.retainAll(r.delays().keySet());
        double radarDelay = all.delayQuantile(0.5, common);
        double earsDelay = e.delayQuantile(0.5, common);
        double rateRatioDelay = r.delayQuantile(0.5, common);
        out.append(String.format(Locale.ROOT, "%nOn the %d incidents every detector found, median (p90) delay in hours: "
                + "%s %s (%s), %s %s (%s), %s %s (%s).%n", common.size(), RADAR, hours(radarDelay),
                hours(all.delayQuantile(0.9, common)), EARS, hours(earsDelay), hours(e.delayQuantile(0.9, common)),
                RATE_RATIO, hours(rateRatioDelay), hours(r.delayQuantile(0.9, common))));
        out.append(String.format(Locale.ROOT, "%nPaired, incident by incident on the same %d: Release Radar minus EARS C2 "
                + "median %s h (earlier on %d, later on %d), minus the rate-ratio test median %s h (earlier on %d, later "
                + "on %d).%n", common.size(), hours(pairedMedian(all, e, common)), count(all, e, common, -1),
                count(all, e, common, 1), hours(pairedMedian(all, r, common)), count(all, r, common, -1),
                count(all, r, common, 1)));
        List<Double> bound = common.stream().filter(bounds::containsKey).map(bounds::get).toList();
        out.append(String.format(Locale.ROOT, "%nWhen the incident first had %d affected customers (the first whole "
                + "hour after affected customer number %d first called; every detector here needs %d customers behind "
                + "a signal, so it can only be earlier with customers of the same symptom that the incident did not "
                + "cause): median %s h on the same %d. Delay beyond that hour, median (at or before it on how many): "
                + "%s %s h (%d), %s %s h (%d), %s %s h (%d).%n", s.minCustomers(), s.minCustomers(), s.minCustomers(),
                hours(median(bound)), bound.size(), RADAR, hours(medianExcess(all, bounds, common)),
                atBound(all, bounds, common), EARS, hours(medianExcess(e, bounds, common)), atBound(e, bounds, common),
                RATE_RATIO, hours(medianExcess(r, bounds, common)), atBound(r, bounds, common)));
        out.append(String.format(Locale.ROOT, "%n| Incident (scenario/seed/index) | %d customers at (h) | %s | %s | %s |"
                + "%n|---|---|---|---|---|%n", s.minCustomers(), RADAR, EARS, RATE_RATIO));
        for (String k : common) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", k,
                    hours(bounds.getOrDefault(k, Double.NaN)), hours(all.delays().get(k)), hours(e.delays().get(k)),
                    hours(r.delays().get(k))));
        }
        out.append(String.format(Locale.ROOT, "%nSettings: %s. EARS C2 threshold z >= %.2f, rate-ratio threshold "
                + "-log10 p >= %.2f (each calibrated to %.1f false alerts per 100 version-weeks on the tuning seeds).%n",
                describe(s), ears, rateRatio, target));
        out.append(String.format(Locale.ROOT, "Target (false alerts <= %.1f /100 vw, recall and median delay better than "
                + "every reference (delay on the incidents all found), attribution >= 90%%): false alerts %s, recall %s, "
                + "delay %s, attribution %s.%n",
                target, verdict(all.falseAlertsPer100VersionWeeks() <= target),
                verdict(all.recall() > e.recall() && all.recall() > r.recall()),
                verdict(radarDelay < earsDelay && radarDelay < rateRatioDelay),
                verdict(all.attribution() >= 0.9)));
        out.append("\nFalse version alerts of Release Radar:\n");
        all.falseAlertsAt().forEach(f -> out.append("- ").append(f).append('\n'));
        System.out.print(out);
    }

    /** The median over the incidents of a's delay minus b's (negative: a was earlier). */
    static double pairedMedian(Score a, Score b, java.util.Collection<String> incidents) {
        return median(incidents.stream().map(k -> a.delays().get(k) - b.delays().get(k)).toList());
    }

    static double median(List<Double> values) {
        List<Double> d = values.stream().sorted().toList();
        if (d.isEmpty()) {
            return Double.NaN;
        }
        int n = d.size();
        return n % 2 == 1 ? d.get(n / 2) : (d.get(n / 2 - 1) + d.get(n / 2)) / 2;
    }

    /** On how many of the incidents a's delay minus b's has this sign. */
    static long count(Score a, Score b, java.util.Collection<String> incidents, int sign) {
        return incidents.stream().filter(k -> Math.signum(a.delays().get(k) - b.delays().get(k)) == sign).count();
    }

    private static Score sum(Map<String, Score> byScenario) {
        return byScenario.values().stream().reduce(Score.ZERO, Score::plus);
    }

    private static String row(String name, Score s) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f | %s | %s |%n", name, s.incidents(),
                pct(s.recall()), hours(s.delayQuantile(0.5)), hours(s.delayQuantile(0.9)),
                s.falseAlertsPer100VersionWeeks(), pct(s.attribution()), pct(s.warnedBeforeContact()));
    }

    private static String brief(Score s) {
        return String.format(Locale.ROOT, "%s / %s / %.2f", pct(s.recall()), hours(s.delayQuantile(0.5)),
                s.falseAlertsPer100VersionWeeks());
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }

    private static String hours(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.0f", x);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    static String describe(DetectionSettings s) {
        return String.format(Locale.ROOT,
                "windows %s h, FDR %s (all contacts' share %s), min ratio %.1f, min customers %d, min installs %d, "
                        + "CUSUM h %.0f",
                s.windows().stream().map(w -> String.valueOf(w.toHours()))
                        .collect(java.util.stream.Collectors.joining("/")),
                s.falseDiscoveryRate(), s.allContactsShare(), s.minRateRatio(), s.minCustomers(),
                s.minActiveInstalls(), s.cusumThreshold());
    }

    private static List<Long> seeds(String list) {
        List<Long> seeds = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.strip();
            if (p.contains("-")) {
                String[] range = p.split("-");
                for (long s = Long.parseLong(range[0]); s <= Long.parseLong(range[1]); s++) {
                    seeds.add(s);
                }
            } else if (!p.isEmpty()) {
                seeds.add(Long.parseLong(p));
            }
        }
        return seeds;
    }

    private static <T> List<T> collect(List<Future<T>> futures) throws InterruptedException {
        List<T> out = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}

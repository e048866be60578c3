package io.releaseradar.bench;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.simulation.DetectionReplay;
import io.releaseradar.simulation.DetectionReplay.Score;
import io.releaseradar.simulation.DetectionReplay.Suspicion;
import io.releaseradar.simulation.DetectionReplay.Trace;
import io.releaseradar.simulation.InMemoryDetectionSource;
import io.releaseradar.simulation.ScenarioSpec;
import io.releaseradar.simulation.SimulatedWorld;
import io.releaseradar.simulation.Simulator;
import io.releaseradar.simulation.WorldFamilies;
import io.releaseradar.simulation.WorldFamily;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Generalisation benchmark, on demand and never in CI: does detection quality hold on worlds the settings were never
 * tuned on?
 * {@code ./mvnw -q -Pbench -DskipTests test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.releaseradar.bench.GeneralisationBenchmark}
 * (add {@code -Dbench.tune=false} to measure the shipped settings as they are).
 *
 * <p>Worlds come from {@linkplain WorldFamilies world families}: each family is a set of distributions over a world's
 * parameters, and each (family, seed) is one world drawn from it (see {@code WorldDraw}). The evaluator's
 * {@link DetectionSettings} are tuned on the <em>tuning families</em> (over {@link #grid()}, by the rule of
 * {@link DetectionQualityBenchmark}: the most recall within the false-alert target, then the shortest median delay),
 * and both references (EARS C2, the rate-ratio test) are calibrated there to the same target; then all three are
 * replayed hourly over the <em>held-out families</em>, which neither the tuning nor the calibration saw. One Markdown
 * table shows both side by side (recall, median and p90 delay, false version alerts per 100 version-weeks,
 * attribution, warned before contact), then a line per false alert of Release Radar (version, when, what kind, and
 * its summary), so the kinds of false alert can be seen. Scoring is {@link DetectionReplay}'s, as in the quality
 * benchmark.
 *
 * <p>Options (system properties): {@code bench.tuneFamilies} (default {@code steady-enterprise,consumer-bursty}),
 * {@code bench.reportFamilies} (default {@code many-small-versions,fast-rollout}; a family may not be in both),
 * {@code bench.tuneSeeds} (seeds per tuning family, default 1-3), {@code bench.reportSeeds} (seeds per held-out
 * family, default 1-5), {@code bench.tune} (false: the shipped settings, untuned), {@code bench.fdr},
 * {@code bench.windows}, {@code bench.allContactsShare} (trial settings, applied before tuning: use them with
 * {@code bench.tune=false}), {@code bench.targetFalseAlerts} (per 100 version-weeks, for tuning and calibration,
 * default 1.0), {@code bench.threads} (default 2). Each world is one product of 5,000-9,000 customers, 28 evaluated
 * days after 35 of warm-up.
 *
 * <p>Run time (2026-12-07, shared 2-core machine, load 11-16): the defaults with {@code bench.tune=false
 * bench.threads=1}, 6 tuning and 10 held-out worlds, took 419 s (197 s of CPU), of which Release Radar's replay of the
 * tuning families 110 s. Tuning replays those once per grid setting (24): about 1,250 s of CPU more, so a tuned run
 * should take about 12 minutes on two free cores (estimated, not measured).
 */
public final class GeneralisationBenchmark {

    static final String RADAR = "Release Radar";
    static final String EARS = "EARS C2";
    static final String RATE_RATIO = "Rate-ratio test";

    /** A world ready to replay: its ground truth (without the raw data, to save memory) and its source. */
    record World(SimulatedWorld truth, InMemoryDetectionSource source) {

        String key() {
            return truth.spec().name() + "/" + truth.seed();
        }
    }

    /** Per detector, the traces of one set of worlds and the threshold that flags. */
    record Replayed(Map<String, List<Trace>> traces, Map<String, Double> thresholds) {

        Score total(String detector) {
            Score s = Score.ZERO;
            for (Trace t : traces.get(detector)) {
                s = s.plus(DetectionReplay.score(t, thresholds.get(detector)));
            }
            return s;
        }

        Score family(String detector, String family) {
            Score s = Score.ZERO;
            for (Trace t : traces.get(detector)) {
                if (t.world().spec().name().equals(family)) {
                    s = s.plus(DetectionReplay.score(t, thresholds.get(detector)));
                }
            }
            return s;
        }
    }

    private final ExecutorService pool;
    private final double target;
    /** Release Radar's findings at the hours it flagged a version, by world key, version and hour. */
    private final Map<String, Map<String, Map<Instant, Finding>>> findings = new ConcurrentHashMap<>();
    /**
     * Wall-clock seconds of each phase, for the run-time line: a tuned run costs about the grid's size times the
     * Release Radar replay of the tuning families more than an untuned one.
     */
    private final Map<String, Double> phases = new LinkedHashMap<>();
    private long phaseStart = System.nanoTime();

    private GeneralisationBenchmark(int threads, double target) {
        this.pool = Executors.newFixedThreadPool(threads);
        this.target = target;
    }

    public static void main(String[] args) throws Exception {
        List<WorldFamily> tuneFamilies = families(System.getProperty("bench.tuneFamilies",
                "steady-enterprise,consumer-bursty"));
        List<WorldFamily> reportFamilies = families(System.getProperty("bench.reportFamilies",
                "many-small-versions,fast-rollout"));
        if (tuneFamilies.stream().anyMatch(reportFamilies::contains)) {
            throw new IllegalArgumentException("a family is both tuned on and reported on: hold it out");
        }
        List<Long> tuneSeeds = seeds(System.getProperty("bench.tuneSeeds", "1-3"));
        List<Long> reportSeeds = seeds(System.getProperty("bench.reportSeeds", "1-5"));
        boolean tune = Boolean.parseBoolean(System.getProperty("bench.tune", "true"));
        double target = Double.parseDouble(System.getProperty("bench.targetFalseAlerts", "1.0"));
        int threads = Integer.getInteger("bench.threads", 2);
        long started = System.nanoTime();
        long cpu = cpuNanos();
        GeneralisationBenchmark bench = new GeneralisationBenchmark(threads, target);
        try {
            bench.run(tuneFamilies, tuneSeeds, reportFamilies, reportSeeds, tune);
        } finally {
            bench.pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "%nTook %.0f s (%.0f s of CPU, %d thread%s).%n",
                (System.nanoTime() - started) / 1e9, (cpuNanos() - cpu) / 1e9, threads, threads == 1 ? "" : "s");
    }

    private void run(List<WorldFamily> tuneFamilies, List<Long> tuneSeeds, List<WorldFamily> reportFamilies,
            List<Long> reportSeeds, boolean tune) throws Exception {
        log("Simulating the tuning families %s x seeds %s", names(tuneFamilies), tuneSeeds);
        List<World> tuning = prepare(tuneFamilies, tuneSeeds);
        phase("simulating the tuning families");
        DetectionSettings settings = trialSettings(DetectionSettings.defaults());
        if (tune) {
            settings = tune(tuning);
            phase("tuning over the grid");
        }
        DetectionSettings chosen = settings;
        Map<String, Function<World, Function<Instant, Map<String, Suspicion>>>> detectors = new LinkedHashMap<>();
        detectors.put(RADAR, w -> recording(w, chosen));
        detectors.put(EARS, w -> new EarsC2Reference(w.truth().product(), w.source(), chosen.minCustomers(),
                chosen.minActiveInstalls()));
        detectors.put(RATE_RATIO, w -> new RateRatioReference(w.truth().product(), w.source(),
                chosen.minCustomers(), chosen.minActiveInstalls()));

        Map<String, List<Trace>> tuningTraces = new LinkedHashMap<>();
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (Map.Entry<String, Function<World, Function<Instant, Map<String, Suspicion>>>> d : detectors.entrySet()) {
            List<Trace> traces = traces(tuning, d.getValue());
            tuningTraces.put(d.getKey(), traces);
            thresholds.put(d.getKey(), d.getKey().equals(RADAR) ? 0.5 : calibrate(d.getKey(), traces));
            phase(d.getKey() + " on the tuning families");
        }
        Replayed tuned = new Replayed(tuningTraces, thresholds);
        tuning = null; // the held-out worlds need the memory

        log("Simulating the held-out families %s x seeds %s", names(reportFamilies), reportSeeds);
        List<World> report = prepare(reportFamilies, reportSeeds);
        phase("simulating the held-out families");
        Map<String, List<Trace>> reportTraces = new LinkedHashMap<>();
        for (Map.Entry<String, Function<World, Function<Instant, Map<String, Suspicion>>>> d : detectors.entrySet()) {
            reportTraces.put(d.getKey(), traces(report, d.getValue()));
            phase(d.getKey() + " on the held-out families");
        }
        Replayed heldOut = new Replayed(reportTraces, thresholds);
        String header = String.format(Locale.ROOT, "settings %s on %s x seeds %s; references calibrated there to %.1f "
                + "false alerts per 100 version-weeks; reported on %s x seeds %s",
                tune ? "tuned" : "as shipped (untuned)", names(tuneFamilies), tuneSeeds, target, names(reportFamilies),
                reportSeeds);
        System.out.print(new GeneralisationReport(tuned, heldOut, names(tuneFamilies), names(reportFamilies),
                findings).markdown(header, DetectionQualityBenchmark.describe(chosen)));
        StringBuilder took = new StringBuilder("\nPhases (wall-clock s):");
        phases.forEach((name, seconds) -> took.append(String.format(Locale.ROOT, " %s %.0f;", name, seconds)));
        System.out.println(took);
    }

    private void phase(String name) {
        long now = System.nanoTime();
        phases.put(name, (now - phaseStart) / 1e9);
        log("%s: %.0f s", name, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    // --- worlds and replays ------------------------------------------------------------------------------------

    private List<World> prepare(List<WorldFamily> families, List<Long> seeds) throws Exception {
        List<Future<World>> futures = new ArrayList<>();
        for (WorldFamily family : families) {
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    ScenarioSpec spec = family.draw(seed);
                    SimulatedWorld world = Simulator.simulate(spec, seed);
                    InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
                    SimulatedWorld truth = new SimulatedWorld(spec, seed, world.releases(), List.of(), List.of(),
                            List.of(), world.incidents());
                    return new World(truth, source);
                }));
            }
        }
        return collect(futures);
    }

    /** The evaluator, keeping its findings at the hours it flags a version, for the list of false alerts. */
    private Function<Instant, Map<String, Suspicion>> recording(World w, DetectionSettings s) {
        Map<String, Map<Instant, Finding>> mine = findings.computeIfAbsent(w.key(), k -> new ConcurrentHashMap<>());
        return asOf -> {
            Evaluation e = Evaluator.evaluate(w.truth().product(), asOf, w.source(), s);
            Map<String, Suspicion> out = new HashMap<>();
            for (Finding f : e.findings()) {
                if (f.version() != null) {
                    out.put(f.version(), new Suspicion(1.0, f.symptom()));
                    mine.computeIfAbsent(f.version(), k -> new ConcurrentHashMap<>()).putIfAbsent(asOf, f);
                }
            }
            return out;
        };
    }

    private List<Trace> traces(List<World> worlds,
            Function<World, Function<Instant, Map<String, Suspicion>>> detector) throws Exception {
        List<Future<Trace>> futures = new ArrayList<>();
        for (World w : worlds) {
            futures.add(pool.submit(() -> DetectionReplay.trace(w.truth(), w.source(), detector.apply(w))));
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

    // --- tuning and calibration (as in DetectionQualityBenchmark) -----------------------------------------------

    private static DetectionSettings trialSettings(DetectionSettings settings) {
        String share = System.getProperty("bench.allContactsShare");
        if (share != null) {
            settings = DetectionQualityBenchmark.withAllContactsShare(settings, Double.parseDouble(share));
        }
        String windows = System.getProperty("bench.windows");
        if (windows != null) {
            settings = DetectionQualityBenchmark.withWindows(settings,
                    Arrays.stream(windows.split(",")).map(Duration::parse).toList());
        }
        String fdr = System.getProperty("bench.fdr");
        if (fdr != null) {
            settings = DetectionQualityBenchmark.withFalseDiscoveryRate(settings, Double.parseDouble(fdr));
        }
        return settings;
    }

    private DetectionSettings tune(List<World> tuning) throws Exception {
        DetectionSettings best = null;
        Score bestScore = null;
        for (DetectionSettings s : grid()) {
            Score score = total(traces(tuning, w -> DetectionReplay.evaluator(w.truth().product(), w.source(), s)),
                    0.5);
            log("  %s -> recall %.2f, median delay %.1f h, false alerts %.2f /100 vw",
                    DetectionQualityBenchmark.describe(s), score.recall(), score.delayQuantile(0.5),
                    score.falseAlertsPer100VersionWeeks());
            if (better(score, bestScore)) {
                best = s;
                bestScore = score;
            }
        }
        log("Chosen: %s", DetectionQualityBenchmark.describe(best));
        return best;
    }

    /**
     * The grid tuned over here: the FDR level, the fewest customers and the symptom margin (each around the shipped
     * value, which is in it), the rest as shipped: 12 settings. Smaller than the 17-scenario benchmark's grid
     * (which varies the CUSUM instead of the margin), so that a tuned run fits in about half an hour here.
     */
    static List<DetectionSettings> grid() {
        DetectionSettings d = DetectionSettings.defaults();
        java.util.Set<DetectionSettings> grid = new java.util.LinkedHashSet<>();
        grid.add(d);
        for (double fdr : new double[] {1e-2, 1e-3, 1e-4}) {
            for (int minCustomers : new int[] {3, 5}) {
                for (double margin : new double[] {1.3, 1.5}) {
                    grid.add(new DetectionSettings(d.windows(), fdr, d.allContactsShare(), margin, minCustomers,
                            d.minActiveInstalls(), d.cusumDays(), d.cusumRateFactor(), d.cusumThreshold(),
                            d.surgeRatio(), d.criticalPhrases(), d.relevance()));
                }
            }
        }
        return List.copyOf(grid);
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
    private double calibrate(String name, List<Trace> traces) {
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
        log("%s calibrated: threshold %.3f -> recall %.2f, false alerts %.2f /100 vw on the tuning families", name,
                hi, s.recall(), s.falseAlertsPer100VersionWeeks());
        return hi;
    }

    // --- plumbing ----------------------------------------------------------------------------------------------

    private static List<WorldFamily> families(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(WorldFamilies::named).toList();
    }

    private static List<String> names(List<WorldFamily> families) {
        return families.stream().map(WorldFamily::name).toList();
    }

    static List<Long> seeds(String list) {
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

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}

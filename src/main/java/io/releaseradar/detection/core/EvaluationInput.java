package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * What one evaluation of one product reads, loaded once ({@link #load}) and then only read by the detectors: the
 * releases, the hourly installs and customers of every version, the customers per symptom in each window, the hour
 * weights and the product's between-version spread, and the predecessors' days at the same age.
 *
 * <p>Three reads stay lazy because most evaluations never need them, and each is made at most once: the predecessors'
 * customers (so that a source reading them ahead has the concurrent tests' time to do it), a version's last day when
 * no window is 24 h long, and one symptom's hourly customers for a would-be signal. Their answers do not depend on
 * when they are read. Install-hour sums are remembered, since every test asks for them. One per evaluation; not for
 * sharing between threads.
 */
final class EvaluationInput {

    static final Duration SURGE_WINDOW = Duration.ofHours(24);
    static final Duration SURGE_HISTORY = Duration.ofDays(7);
    static final Duration PREDECESSOR_WINDOW = Duration.ofHours(24);
    /**
     * The recent past: windows longer than this count only while the next shorter window shows the same excess, and
     * a version runs alone (compared with its predecessor only) when no other version ran in it.
     */
    static final Duration RECENT = Duration.ofHours(72);

    /** A version's last 24 h and its predecessor's 24 h at the same age, with their install-hours. */
    record PredecessorWindow(String version, String predecessor, Instant from, Instant to, double exposure,
            double predecessorExposure) {

        DetectionSource.VersionRange range() {
            return new DetectionSource.VersionRange(predecessor, from, to);
        }
    }

    private final String product;
    private final Instant asOf;
    private final Instant end;
    private final DetectionSettings settings;
    private final DetectionSource source;
    private final Map<String, ReleaseInfo> releases;
    private final HourlySeries installs;
    private final HourlySeries allContacts;
    private final WindowCounts byWindow;
    /** Per symptom, the customers in each window summed over the versions tested (the unresolved one left out). */
    private final Map<String, long[]> totals;
    private final SortedSet<String> versions;
    private final double[] weights;
    private final List<PredecessorWindow> predecessorWindows;
    private final double tau2;
    /** Renamed categories found for this evaluation: new key → its old keys, sorted. */
    private Map<String, List<String>> formerly = Map.of();
    private final Map<String, Double> exposures = new HashMap<>();
    private final Map<String, HourlySeries> symptomHours = new HashMap<>();
    private List<Map<VersionSymptom, Long>> predecessorCustomers;

    private EvaluationInput(String product, Instant asOf, Instant end, DetectionSettings settings,
            DetectionSource source, Map<String, ReleaseInfo> releases, HourlySeries installs,
            HourlySeries allContacts, WindowCounts byWindow, SortedSet<String> versions) {
        this.product = product;
        this.asOf = asOf;
        this.end = end;
        this.settings = settings;
        this.source = source;
        this.releases = Collections.unmodifiableMap(releases);
        this.installs = installs;
        this.allContacts = allContacts;
        this.byWindow = byWindow;
        this.versions = Collections.unmodifiableSortedSet(versions);
        this.totals = byWindow.totals(versions);
        this.weights = HourWeights.of(end, settings.longestWindow(), installs, allContacts);
        this.tau2 = versionSpread();
        this.predecessorWindows = new ArrayList<>();
    }

    /**
     * Reads what an evaluation of {@code product} as of {@code asOf} needs. As of a whole hour, or from a source
     * that counts whole hours only, the windows end at {@code asOf} truncated to the hour; as of an instant within an
     * hour, they end at the hour's end, and that hour holds the contacts received in
     * it before {@code asOf} ({@link DetectionSource#partialHour}) and its installs for the share of it that has
     * passed, so a contact counts at the next evaluation and rates stay per active install.
     */
    static EvaluationInput load(String product, Instant asOf, DetectionSource whole, DetectionSettings s) {
        Instant hour = asOf.truncatedTo(ChronoUnit.HOURS);
        Map<VersionSymptom, Long> hourSoFar = hour.equals(asOf) ? null : whole.partialHour(product, hour, asOf);
        boolean partial = hourSoFar != null;
        Instant end = partial ? hour.plus(Duration.ofHours(1)) : hour;
        double lastShare = partial ? Duration.between(hour, asOf).toNanos() / (double) Duration.ofHours(1).toNanos()
                : 1.0;
        DetectionSource hours = partial ? new PartialHourSource(whole, hour, hourSoFar) : whole;
        Duration history = max(Duration.ofDays(s.cusumDays()), SURGE_WINDOW.plus(SURGE_HISTORY), s.longestWindow());
        Instant start = end.minus(history);
        Map<String, ReleaseInfo> releases = new LinkedHashMap<>();
        for (ReleaseInfo r : hours.releases(product, asOf)) {
            releases.put(r.version(), r);
        }
        // the predecessors' days depend on the releases alone: the source may start reading them beside the rest
        Map<String, DetectionSource.VersionRange> predecessorDays = new LinkedHashMap<>();
        Instant earliest = start;
        for (String v : releases.keySet()) {
            DetectionSource.VersionRange r = PredecessorDetector.predecessorDay(releases, v, end);
            if (r != null) {
                predecessorDays.put(v, r);
                earliest = r.from().isBefore(earliest) ? r.from() : earliest;
            }
        }
        // renamed categories count under their new name in every read (from the whole hours before asOf's hour)
        Map<String, String> renames = CategoryRenames.find(whole.categoryHours(product, hour), hour, earliest);
        DetectionSource source = RenamedCategorySource.over(hours, renames);
        source.willRead(product, List.copyOf(predecessorDays.values()));
        // installs last: the source may be reading them meanwhile
        HourlySeries allContacts = new HourlySeries(start, source.hourlyCustomers(product, Symptoms.ALL, start, end));
        // a symptom no version reaches the fewest customers with is never tested: the source may leave it out
        WindowCounts byWindow = source.windowCounts(product, end, s.windows(), s.minCustomers());
        HourlySeries installs = new HourlySeries(start, source.hourlyActiveInstalls(product, start, end), lastShare);
        TreeSet<String> versions = new TreeSet<>(releases.keySet());
        versions.addAll(installs.values().keySet());
        versions.remove(Symptoms.UNKNOWN_VERSION);
        EvaluationInput in = new EvaluationInput(product, asOf, end, s, source, releases, installs, allContacts,
                byWindow, versions);
        in.formerly = RenamedCategorySource.oldNames(renames);
        for (String v : versions) {
            if (in.enoughData(v)) {
                PredecessorWindow p = in.predecessorWindow(v, predecessorDays.get(v));
                if (p != null) {
                    in.predecessorWindows.add(p);
                }
            }
        }
        return in;
    }

    String product() {
        return product;
    }

    Instant asOf() {
        return asOf;
    }

    /** The window end: {@code asOf} when a whole hour, else the end of its hour (see {@link #load}). */
    Instant end() {
        return end;
    }

    DetectionSettings settings() {
        return settings;
    }

    Map<String, ReleaseInfo> releases() {
        return releases;
    }

    /** The versions tested, sorted: released ones and any with installs, less the unresolved one. */
    SortedSet<String> versions() {
        return versions;
    }

    HourlySeries installs() {
        return installs;
    }

    /** Each version's distinct customers of all contacts, hour by hour. */
    HourlySeries allContacts() {
        return allContacts;
    }

    WindowCounts byWindow() {
        return byWindow;
    }

    /** The versions with enough data whose predecessor can be compared at the same age, in version order. */
    List<PredecessorWindow> predecessorWindows() {
        return Collections.unmodifiableList(predecessorWindows);
    }

    /** The customers of each {@link #predecessorWindows} predecessor day, in the same order (read once). */
    List<Map<VersionSymptom, Long>> predecessorCustomers() {
        if (predecessorCustomers == null) {
            // every predecessor's day at once: the source may read them in one pass
            predecessorCustomers = List.copyOf(source.customersOf(product,
                    predecessorWindows.stream().map(PredecessorWindow::range).toList()));
        }
        return predecessorCustomers;
    }

    /** The version's customers per symptom over the last 24 h, when no window is 24 h long (else use the windows). */
    Map<String, long[]> lastDayOf(String v) {
        return WindowCounts.of(List.of(source.customersOf(product, v, end.minus(PREDECESSOR_WINDOW), end))).of(v);
    }

    /** The symptom's customers per version, hour by hour over the longest window (read once per symptom). */
    HourlySeries symptomHours(String symptom) {
        Instant from = end.minus(settings.longestWindow());
        return symptomHours.computeIfAbsent(symptom,
                k -> new HourlySeries(from, source.hourlyCustomers(product, k, from, end)));
    }

    /** The old keys of a renamed category counted under {@code key} ({@link CategoryRenames}); empty for others. */
    List<String> formerly(String key) {
        return formerly.getOrDefault(key, List.of());
    }

    /** The between-version variance τ² of log rate ratios ({@link VersionSpread}). */
    double tau2() {
        return tau2;
    }

    long activeInstalls(String v) {
        return installs.lastBefore(v, end);
    }

    boolean enoughData(String v) {
        return activeInstalls(v) >= settings.minActiveInstalls();
    }

    /** The symptom's customers in window {@code wi}, summed over the versions tested. */
    long total(String symptom, int wi) {
        long[] t = totals.get(symptom);
        return t == null ? 0 : t[wi];
    }

    /** Per symptom, the customers in each window summed over the versions tested. */
    long[] totals(String symptom) {
        return totals.get(symptom);
    }

    /** Every symptom with its customers per window, summed over the versions tested. */
    Map<String, long[]> totals() {
        return Collections.unmodifiableMap(totals);
    }

    /** Install-hours of the version over the window. */
    double exposure(String v, Duration w) {
        return remember("raw|" + v + '|' + w, () -> installs.hours(v, end.minus(w), end));
    }

    double othersExposure(String v, Duration w) {
        return remember("raw-others|" + v + '|' + w, () -> othersSum(v, u -> exposure(u, w)));
    }

    /** Install-hours over the window weighted by the product's hourly rate (see hourWeights): for the tests. */
    double weightedExposure(String v, Duration w) {
        return remember("weighted|" + v + '|' + w, () -> weighted(v, w));
    }

    double othersWeightedExposure(String v, Duration w) {
        return remember("weighted-others|" + v + '|' + w, () -> othersSum(v, u -> weightedExposure(u, w)));
    }

    /** Whether other versions ran in the recent past: else the version is compared with its predecessor only. */
    boolean hasConcurrentBaseline(String v) {
        Duration recent = settings.longestWindow().compareTo(RECENT) < 0 ? settings.longestWindow() : RECENT;
        return othersExposure(v, recent) > 0;
    }

    /**
     * {@link RelevanceTest}: {@code H0: rate ratio <= margin}, for a symptom widened by the product's
     * between-version spread (each healthy version has its own symptom mix; a version's contacts as a whole vary
     * far less, and their larger margin covers that), with the ratio shrunk. The exact tail is skipped (p = 1, still
     * counted in the FDR family) when the shrunk ratio alone rules the signal out: most of the grid runs at or below
     * its baseline, and the exact binomial tail is the evaluator's main cost.
     */
    RelevanceTest.Outcome test(long x, double ev, long y, double eo, double margin, boolean symptom) {
        double widened = symptom ? RelevanceTest.widenedMargin(margin, settings.relevance().spreadQuantile(),
                Math.sqrt(tau2)) : margin;
        // the shrunk ratio must clear the widened margin too: the Gamma–Poisson posterior of a phrase of a few
        // customers that nobody else used stays near 1, however small its exact p-value on a tiny version
        return RelevanceTest.test(x, ev, y, eo, widened, widened, settings.relevance().pseudoCustomers());
    }

    /** A value asked for once per test, so remembered (get-then-put: suppliers may remember values too). */
    private double remember(String key, DoubleSupplier value) {
        Double known = exposures.get(key);
        if (known == null) {
            known = value.getAsDouble();
            exposures.put(key, known);
        }
        return known;
    }

    private double othersSum(String v, ToDoubleFunction<String> of) {
        double e = 0;
        for (String u : versions) {
            if (!u.equals(v)) {
                e += of.applyAsDouble(u);
            }
        }
        return e;
    }

    /** The version's install-hours of the last {@code w} before the window end, hour by hour times the weights. */
    private double weighted(String v, Duration w) {
        long[] series = installs.values().get(v);
        double e = 0;
        if (series != null) {
            int last = (int) Duration.between(installs.start(), end).toHours();
            int hours = (int) w.toHours();
            for (int i = 0; i < hours; i++) {
                int idx = last - hours + i;
                if (idx >= 0 && idx < series.length) {
                    double installsThen = idx == series.length - 1 && installs.lastShare() != 1.0
                            ? series[idx] * installs.lastShare() : series[idx];
                    e += installsThen * weights[weights.length - hours + i];
                }
            }
        }
        return e;
    }

    /**
     * {@link VersionSpread#tau2} over the longest window's symptom cells of the versions with enough data, each
     * against the other versions at the same hours (weighted exposures, as the tests).
     */
    private double versionSpread() {
        int last = settings.windows().size() - 1;
        Duration w = settings.longestWindow();
        List<VersionSpread.Cell> cells = new ArrayList<>();
        for (String v : versions) {
            if (!enoughData(v)) {
                continue;
            }
            double ev = weightedExposure(v, w), eo = othersWeightedExposure(v, w);
            for (Map.Entry<String, long[]> e : byWindow.of(v).entrySet()) {
                if (!e.getKey().isEmpty()) {
                    long x = e.getValue()[last];
                    cells.add(new VersionSpread.Cell(x, ev, total(e.getKey(), last) - x, eo));
                }
            }
        }
        return VersionSpread.tau2(cells, settings.relevance().priorSpread(), settings.relevance().minSpread());
    }

    /**
     * The predecessor's {@code day} ({@link PredecessorDetector#predecessorDay}) with both exposures; null when the version has no
     * predecessor to test against (no such day, or no installs).
     */
    private PredecessorWindow predecessorWindow(String v, DetectionSource.VersionRange day) {
        if (day == null) {
            return null;
        }
        double ep = sum(source.hourlyActiveInstalls(product, day.from(), day.to()).get(day.version()));
        double ev = exposure(v, PREDECESSOR_WINDOW);
        if (ep <= 0 || ev <= 0) {
            return null;
        }
        return new PredecessorWindow(v, day.version(), day.from(), day.to(), ev, ep);
    }

    private static Duration max(Duration... ds) {
        Duration m = ds[0];
        for (Duration d : ds) {
            m = d.compareTo(m) > 0 ? d : m;
        }
        return m;
    }

    private static double sum(long[] xs) {
        double s = 0;
        if (xs != null) {
            for (long x : xs) {
                s += x;
            }
        }
        return s;
    }
}

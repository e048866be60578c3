package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.Bcpnn;
import io.releaseradar.detection.stats.BenjaminiHochberg;
import io.releaseradar.detection.stats.Cusum;
import io.releaseradar.detection.stats.PoissonRateTest;
import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates one product as of an instant: which versions draw more customers to support than their baselines, for
 * which symptom, and how healthy each version is. Reads only complete hours before {@code asOf}, so the same
 * {@code asOf} always gives the same answer and a replay agrees with live.
 *
 * <p>Per version, symptom and window: the exact conditional Poisson test against the other versions over the same
 * window (cancels outages, campaigns, holidays and rhythm, which move every version together), for symptoms gated by
 * the BCPNN IC025 (shrinkage on tiny counts); against the predecessor at the same age since its release when no
 * other version runs. Benjamini–Hochberg over the whole grid, in two stages with one family per version, so that a
 * bad version's hundreds of discoveries do not let chance clusters on the others through. A symptom signal must
 * still hold with its expected count summed hour by hour from the other versions' rate of that symptom, and a
 * signal over a window longer than three days counts only while the next shorter window shows it too. A daily CUSUM
 * since release against the other versions catches slow ramps. A surge of the whole product over its previous week
 * is a product-wide finding, never a version one.
 */
public final class Evaluator {

    private static final Duration SURGE_WINDOW = Duration.ofHours(24);
    private static final Duration SURGE_HISTORY = Duration.ofDays(7);
    private static final Duration PREDECESSOR_WINDOW = Duration.ofHours(24);
    private static final double SURGE_P = 1e-6;
    private static final double SCORE_CAP = 50;
    private static final double PSEUDO_CUSTOMERS = 2;
    /**
     * The recent past: windows longer than this count only while the next shorter window shows the same excess, and
     * a version runs alone (compared with its predecessor only) when no other version ran in it.
     */
    private static final Duration RECENT = Duration.ofHours(72);
    private static final double SUSTAINED_P = 0.05;

    private Evaluator() {
    }

    public static Evaluation evaluate(String product, Instant asOf, DetectionSource source, DetectionSettings s) {
        Instant end = asOf.truncatedTo(ChronoUnit.HOURS);
        Duration history = max(Duration.ofDays(s.cusumDays()), SURGE_WINDOW.plus(SURGE_HISTORY), s.longestWindow());
        Instant start = end.minus(history);
        Map<String, ReleaseInfo> releases = new LinkedHashMap<>();
        for (ReleaseInfo r : source.releases(product, asOf)) {
            releases.put(r.version(), r);
        }
        // the predecessors' days depend on the releases alone: the source may start reading them beside the rest
        Map<String, DetectionSource.VersionRange> predecessorDays = new LinkedHashMap<>();
        for (String v : releases.keySet()) {
            DetectionSource.VersionRange r = predecessorDay(releases, v, end);
            if (r != null) {
                predecessorDays.put(v, r);
            }
        }
        source.willRead(product, List.copyOf(predecessorDays.values()));
        // installs last: the source may be reading them meanwhile
        HourlySeries allContacts = new HourlySeries(start, source.hourlyCustomers(product, Symptoms.ALL, start, end));
        // a symptom no version reaches the fewest customers with is never tested: the source may leave it out
        WindowCounts byWindow = source.windowCounts(product, end, s.windows(), s.minCustomers());
        HourlySeries installs = new HourlySeries(start, source.hourlyActiveInstalls(product, start, end));
        TreeSet<String> versions = new TreeSet<>(releases.keySet());
        versions.addAll(installs.values().keySet());
        versions.remove(Symptoms.UNKNOWN_VERSION);

        Map<String, long[]> totals = byWindow.totals(versions);
        double[] weights = hourWeights(end, s.longestWindow(), installs, allContacts);
        Context ctx = new Context(product, end, s, releases, installs, byWindow, totals,
                versions, new HashMap<>(), weights, new HashMap<>(), new double[1]);
        ctx.spread()[0] = ctx.versionSpread();
        List<Candidate> candidates = new ArrayList<>();
        List<PredecessorWindow> predecessors = new ArrayList<>();
        for (String v : versions) {
            if (ctx.enoughData(v)) {
                candidates.addAll(ctx.concurrentTests(v));
                PredecessorWindow p = ctx.predecessorWindow(v, predecessorDays.get(v), source);
                if (p != null) {
                    predecessors.add(p);
                }
            }
        }
        // every predecessor's day at once: the source may read them in one pass
        List<Map<VersionSymptom, Long>> then = source.customersOf(product,
                predecessors.stream().map(PredecessorWindow::range).toList());
        for (int i = 0; i < predecessors.size(); i++) {
            candidates.addAll(ctx.predecessorTests(predecessors.get(i), then.get(i), source));
        }
        List<BenjaminiHochberg.Hypothesis> hypotheses = new ArrayList<>(candidates.size());
        double[] familyWeights = familyWeights(candidates, s.allContactsShare());
        for (Candidate c : candidates) {
            hypotheses.add(new BenjaminiHochberg.Hypothesis(c.symptom(), c.p(),
                    c.symptom().isEmpty() ? familyWeights[0] : familyWeights[1]));
        }
        // in the order of the candidates; one family per version, so that a bad version's hundreds of discoveries
        // do not lower the bar for the others
        List<BenjaminiHochberg.Decision> decisions = BenjaminiHochberg.decideInFamilies(hypotheses,
                candidates.stream().map(Candidate::version).toList(), s.falseDiscoveryRate());

        // per version, the largest p/weight BH accepted: a test retried with other hour weights must still pass it
        Map<String, Double> cutoffs = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (decisions.get(i).discovery()) {
                cutoffs.merge(candidates.get(i).version(), decisions.get(i).weightedP(), Math::max);
            }
        }
        Map<String, List<Signal>> signals = new HashMap<>();
        Map<String, List<Candidate>> nearMisses = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            BenjaminiHochberg.Decision d = decisions.get(i);
            if (d.discovery() && c.qualifies(s) && sustained(candidates, i, s) && !ctx.commonerSpelling(c.symptom())
                    && ctx.holdsAtTheSymptomsHours(c, source, cutoffs.get(c.version()) * d.weight())) {
                double score = Math.min(SCORE_CAP, -Math.log10(Math.max(d.adjustedP(), 1e-300)));
                signals.computeIfAbsent(c.version(), k -> new ArrayList<>()).add(c.signal(score));
            } else if (c.rateRatio() >= margin(c.symptom(), s) && c.p() < 0.05
                    && (c.baseline() != Signal.Baseline.PREDECESSOR_SAME_AGE || !ctx.hasConcurrentBaseline(c.version()))) {
                // the predecessor's evidence is no near miss either while other versions run (see below)
                nearMisses.computeIfAbsent(c.version(), k -> new ArrayList<>()).add(c);
            }
        }
        for (String v : versions) {
            if (ctx.enoughData(v)) {
                Signal cusum = ctx.cusum(v, allContacts);
                if (cusum != null) {
                    signals.computeIfAbsent(v, k -> new ArrayList<>()).add(cusum);
                }
            }
        }
        // Evidence against the predecessor alone never alerts while other versions run: a product-wide surge would
        // show there too. It stays as supporting evidence of a concurrent finding.
        signals.replaceAll((v, list) -> ctx.hasConcurrentBaseline(v) && list.stream().allMatch(
                x -> x.baseline() == Signal.Baseline.PREDECESSOR_SAME_AGE) ? List.of() : list);
        // A version's contacts as a whole, with no symptom behind them, are at most WATCH unless the excess is large:
        // new versions draw busier early adopters and "the update" gets blamed, and none of that is an incident.
        signals.forEach((v, list) -> {
            if (!list.isEmpty() && list.stream().allMatch(x -> x.symptom() == null)
                    && list.stream().noneMatch(x -> x.rateRatio() >= s.relevance().allContactsAloneRatio())) {
                list.forEach(x -> nearMisses.computeIfAbsent(v, k -> new ArrayList<>()).add(Candidate.of(v, x)));
            }
        });
        signals.replaceAll((v, list) -> list.stream().allMatch(x -> x.symptom() == null)
                && list.stream().noneMatch(x -> x.rateRatio() >= s.relevance().allContactsAloneRatio())
                ? List.of() : list);

        List<Finding> findings = new ArrayList<>();
        List<VersionHealth> health = new ArrayList<>();
        for (String v : versions) {
            List<Signal> mine = signals.getOrDefault(v, List.of());
            Finding f = mine.isEmpty() ? null : ctx.finding(v, mine);
            if (f != null) {
                findings.add(f);
            }
            health.add(ctx.health(v, asOf, f, nearMisses.getOrDefault(v, List.of()), allContacts));
        }
        Finding surge = ctx.productSurge(allContacts, findings.stream().map(Finding::version).toList());
        if (surge != null) {
            findings.add(surge);
        }
        return new Evaluation(product, asOf, end, findings, health);
    }

    /**
     * Whether candidate {@code i}, when its window is longer than {@link #RECENT}, is also up in the next
     * shorter window (rate ratio at least the minimum, p below {@link #SUSTAINED_P}): over a week a chance cluster of
     * a few customers of an everyday phrase can pass the test, and a version that was bad days ago but no longer is
     * is no news. {@link Context#concurrentTests} adds a cell's windows shortest first, so the shorter window's test,
     * when there is one, comes right before.
     */
    static boolean sustained(List<Candidate> candidates, int i, DetectionSettings s) {
        Candidate c = candidates.get(i);
        int wi = s.windows().indexOf(c.window());
        if (c.baseline() != Signal.Baseline.OTHER_VERSIONS || wi < 1
                || c.window().compareTo(RECENT) <= 0) {
            return true;
        }
        Candidate shorter = i > 0 ? candidates.get(i - 1) : null;
        return shorter != null && shorter.window().equals(s.windows().get(wi - 1))
                && shorter.baseline() == c.baseline() && shorter.version().equals(c.version())
                && shorter.symptom().equals(c.symptom()) && shorter.p() < SUSTAINED_P
                && shorter.rateRatio() >= s.minRateRatio();
    }

    /**
     * The weights of an all-contacts test and of a symptom test in the Benjamini–Hochberg family: the all-contacts
     * tests (one per version and window) share {@code share} of the total weight, the symptom tests the rest, so
     * a version's contacts as a whole need not compete with thousands of phrases. Equal weights when the share is 0
     * or either kind is absent.
     */
    static double[] familyWeights(List<Candidate> candidates, double share) {
        long all = candidates.stream().filter(c -> c.symptom().isEmpty()).count();
        long symptoms = candidates.size() - all;
        if (share <= 0 || all == 0 || symptoms == 0) {
            return new double[] {1, 1};
        }
        return new double[] {share / all, (1 - share) / symptoms};
    }

    /**
     * The product's contact rate hour by hour over the longest window (all versions together), relative to its mean,
     * shrunk towards the mean by two customers' worth (so quiet hours of a small product do not swing it).
     * Weighting each version's install-hours by it makes the tests compare a version with the others at the same
     * hours: when an outage, a campaign or the daily rhythm lands on hours where a rolling-out version has more (or
     * fewer) of its installs than on average, pooled install-hours would blame (or excuse) that version.
     */
    static double[] hourWeights(Instant end, Duration window, HourlySeries installs, HourlySeries contacts) {
        int hours = (int) window.toHours();
        Instant from = end.minus(window);
        double[] exposure = new double[hours];
        double[] customers = new double[hours];
        double totalE = 0, totalC = 0;
        for (int h = 0; h < hours; h++) {
            Instant a = from.plus(Duration.ofHours(h)), b = a.plus(Duration.ofHours(1));
            for (String v : installs.values().keySet()) {
                exposure[h] += installs.sum(v, a, b);
            }
            for (String v : contacts.values().keySet()) {
                customers[h] += contacts.sum(v, a, b);
            }
            totalE += exposure[h];
            totalC += customers[h];
        }
        double[] w = new double[hours];
        if (totalE <= 0 || totalC <= 0) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        double mean = totalC / totalE;
        for (int h = 0; h < hours; h++) {
            w[h] = exposure[h] > 0 ? (customers[h] + PSEUDO_CUSTOMERS) / (exposure[h] * mean + PSEUDO_CUSTOMERS) : 1.0;
        }
        return w;
    }

    /** One version's customers by symptom, from a map of one range. */
    private static Map<String, Long> ofVersion(Map<VersionSymptom, Long> counts, String version) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, n) -> {
            if (k.version().equals(version)) {
                out.put(k.symptom(), n);
            }
        });
        return out;
    }

    private static Duration max(Duration... ds) {
        Duration m = ds[0];
        for (Duration d : ds) {
            m = d.compareTo(m) > 0 ? d : m;
        }
        return m;
    }

    /** The release a version is compared with at the same age: the one it names, else the latest released before. */
    static ReleaseInfo predecessor(Map<String, ReleaseInfo> releases, String v) {
        ReleaseInfo mine = releases.get(v);
        if (mine == null) {
            return null;
        }
        if (mine.previousVersion() != null) {
            return releases.get(mine.previousVersion());
        }
        ReleaseInfo best = null;
        for (ReleaseInfo r : releases.values()) {
            if (r.releasedAt().isBefore(mine.releasedAt())
                    && (best == null || r.releasedAt().isAfter(best.releasedAt()))) {
                best = r;
            }
        }
        return best;
    }

    /**
     * The predecessor's 24 h at the version's age since release at {@code end}; null when there is none to test
     * against (no predecessor, not older, the version younger than a day).
     */
    static DetectionSource.VersionRange predecessorDay(Map<String, ReleaseInfo> releases, String v, Instant end) {
        ReleaseInfo mine = releases.get(v);
        ReleaseInfo pred = predecessor(releases, v);
        if (mine == null || pred == null || !pred.releasedAt().isBefore(mine.releasedAt())) {
            return null;
        }
        Duration age = Duration.between(mine.releasedAt().truncatedTo(ChronoUnit.HOURS), end);
        if (age.compareTo(PREDECESSOR_WINDOW) < 0) {
            return null;
        }
        Instant pEnd = pred.releasedAt().truncatedTo(ChronoUnit.HOURS).plus(age);
        return new DetectionSource.VersionRange(pred.version(), pEnd.minus(PREDECESSOR_WINDOW), pEnd);
    }

    /** One test of one version and symptom over one window. */
    record Candidate(String version, String symptom, Duration window, Signal.Baseline baseline, long observed,
            double expected, double rateRatio, double p, boolean shrinkageOk) {

        /** A signal held back (an all-contacts excess too small to alert alone) as a near miss. */
        static Candidate of(String version, Signal x) {
            return new Candidate(version, x.symptom() == null ? Symptoms.ALL : x.symptom(), x.window(), x.baseline(),
                    x.observed(), x.expected(), x.rateRatio(), Math.pow(10, -x.score()), true);
        }

        boolean qualifies(DetectionSettings s) {
            return shrinkageOk && observed >= s.minCustomers() && rateRatio >= margin(symptom, s);
        }

        Signal signal(double score) {
            return new Signal(symptom.isEmpty() ? null : symptom, window, observed, round(expected),
                    round(rateRatio), round(score), baseline);
        }
    }

    /** The margin of {@code H0: rate ratio <= margin}: larger for a version's contacts as a whole. */
    static double margin(String symptom, DetectionSettings s) {
        return symptom.isEmpty() ? s.relevance().allContactsMargin() : s.minRateRatio();
    }

    static double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 100) / 100.0 : x;
    }

    static final Comparator<Signal> STRONGEST_FIRST = Comparator.comparingDouble(Signal::score).reversed()
            .thenComparing(Signal::observed, Comparator.reverseOrder())
            .thenComparing(x -> x.symptom() == null ? "" : x.symptom())
            .thenComparing(Signal::window);

    /** A version's last 24 h and its predecessor's 24 h at the same age, with their install-hours. */
    private record PredecessorWindow(String version, String predecessor, Instant from, Instant to, double exposure,
            double predecessorExposure) {

        DetectionSource.VersionRange range() {
            return new DetectionSource.VersionRange(predecessor, from, to);
        }
    }

    /**
     * The data of one evaluation and the tests over it. {@code totals}: per symptom, the customers in each window
     * summed over the versions tested (the unresolved version left out).
     */
    private record Context(String product, Instant end, DetectionSettings s, Map<String, ReleaseInfo> releases,
            HourlySeries installs, WindowCounts byWindow, Map<String, long[]> totals,
            TreeSet<String> versions, Map<String, Double> exposures, double[] weights,
            Map<String, HourlySeries> symptomHours, double[] spread) {

        /** The between-version variance τ² of log rate ratios, once {@link #versionSpread} has set it. */
        double tau2() {
            return spread[0];
        }

        /**
         * {@link VersionSpread#tau2} over the longest window's symptom cells of the versions with enough data, each
         * against the other versions at the same hours (weighted exposures, as the tests).
         */
        double versionSpread() {
            int last = s.windows().size() - 1;
            Duration w = s.longestWindow();
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
            return VersionSpread.tau2(cells, s.relevance().priorSpread(), s.relevance().minSpread());
        }

        /**
         * Whether a phrase is a rarer spelling of another phrase of the product ("notes vaished" beside "notes
         * vanished", "invite coleague" beside "invite colleague"): such a phrase is tested through its common
         * spelling, never alone, so that a few customers' typo cannot look like a new complaint.
         */
        boolean commonerSpelling(String symptom) {
            if (symptom.isEmpty() || Symptoms.isCategory(symptom)) {
                return false;
            }
            int last = s.windows().size() - 1;
            long mine = total(symptom, last);
            int words = symptom.split(" ").length;
            for (Map.Entry<String, long[]> e : totals.entrySet()) {
                String other = e.getKey();
                if (e.getValue()[last] > mine && !other.isEmpty() && !Symptoms.isCategory(other)
                        && other.split(" ").length == words && Themes.variants(symptom, other)) {
                    return true;
                }
            }
            return false;
        }

        long activeInstalls(String v) {
            return installs.lastBefore(v, end);
        }

        boolean enoughData(String v) {
            return activeInstalls(v) >= s.minActiveInstalls();
        }

        /** A value asked for once per test, so remembered (get-then-put: suppliers may remember values too). */
        private double remember(String key, java.util.function.DoubleSupplier value) {
            Double known = exposures.get(key);
            if (known == null) {
                known = value.getAsDouble();
                exposures.put(key, known);
            }
            return known;
        }

        /** Install-hours of the version over the window. */
        double exposure(String v, Duration w) {
            return remember("raw|" + v + '|' + w, () -> installs.sum(v, end.minus(w), end));
        }

        double othersExposure(String v, Duration w) {
            return remember("raw-others|" + v + '|' + w, () -> othersSum(v, u -> exposure(u, w)));
        }

        /** Install-hours over the window weighted by the product's hourly rate (see hourWeights): for the tests. */
        double weightedExposure(String v, Duration w) {
            return remember("weighted|" + v + '|' + w, () -> weighted(v, w, weights));
        }

        double othersWeightedExposure(String v, Duration w) {
            return remember("weighted-others|" + v + '|' + w, () -> othersSum(v, u -> weightedExposure(u, w)));
        }

        private double othersSum(String v, java.util.function.ToDoubleFunction<String> of) {
            double e = 0;
            for (String u : versions) {
                if (!u.equals(v)) {
                    e += of.applyAsDouble(u);
                }
            }
            return e;
        }

        /** The version's install-hours of the last {@code w} before the window end, hour by hour times weights. */
        double weighted(String v, Duration w, double[] hourWeights) {
            long[] series = installs.values().get(v);
            double e = 0;
            if (series != null) {
                int last = (int) Duration.between(installs.start(), end).toHours();
                int hours = (int) w.toHours();
                for (int i = 0; i < hours; i++) {
                    int idx = last - hours + i;
                    if (idx >= 0 && idx < series.length) {
                        e += series[idx] * hourWeights[hourWeights.length - hours + i];
                    }
                }
            }
            return e;
        }

        /**
         * A symptom signal against the other versions, tested again with its expected count summed hour by hour
         * from the other versions' rate of that symptom in each hour (a stratified test): a surge of one symptom
         * (an outage's "service unavailable") is far steeper than the surge of all contacts the first test weighted
         * by, and lands on whichever versions run at those hours, and over a week a rolling-out version's share of
         * the installs moves a lot. The version's own customers stay out of the rates, so that its excess does not
         * raise its own expectation. Only for would-be signals, since it reads the symptom's hourly counts.
         */
        boolean holdsAtTheSymptomsHours(Candidate c, DetectionSource source, double cutoff) {
            if (c.baseline() != Signal.Baseline.OTHER_VERSIONS || c.symptom().isEmpty()) {
                return true;
            }
            Instant from = end.minus(s.longestWindow());
            HourlySeries symptom = symptomHours.computeIfAbsent(c.symptom(),
                    k -> new HourlySeries(from, source.hourlyCustomers(product, k, from, end)));
            double[] e = stratifiedExposures(c.version(), c.window(), symptom);
            long y = total(c.symptom(), s.windows().indexOf(c.window())) - c.observed();
            if (e[0] <= 0 || e[1] <= 0) {
                return false;
            }
            RelevanceTest.Outcome r = test(c.observed(), e[0], y, e[1], s.minRateRatio(), true);
            return r.pValue() <= cutoff && r.rateRatio() >= s.minRateRatio();
        }

        /**
         * The version's and the other versions' install-hours over the window, each hour weighted by the other
         * versions' rate of the symptom in that hour relative to their rate over the whole window: the version's
         * is then its expected customers in units of the others' mean rate, the others' stays their install-hours.
         * Hours without other installs are left out.
         */
        double[] stratifiedExposures(String v, Duration window, HourlySeries symptom) {
            int hours = (int) window.toHours();
            Instant from = end.minus(window);
            double[] othersInstalls = new double[hours], othersCustomers = new double[hours];
            double installsAll = 0, customersAll = 0;
            for (int h = 0; h < hours; h++) {
                Instant a = from.plus(Duration.ofHours(h)), b = a.plus(Duration.ofHours(1));
                for (String u : versions) {
                    if (!u.equals(v)) {
                        othersInstalls[h] += installs.sum(u, a, b);
                        othersCustomers[h] += symptom.sum(u, a, b);
                    }
                }
                installsAll += othersInstalls[h];
                customersAll += othersCustomers[h];
            }
            double mean = installsAll > 0 ? customersAll / installsAll : 0;
            double ev = 0, eo = 0;
            for (int h = 0; h < hours; h++) {
                if (othersInstalls[h] <= 0) {
                    continue;
                }
                Instant a = from.plus(Duration.ofHours(h));
                double w = mean > 0 ? othersCustomers[h] / (othersInstalls[h] * mean) : 1.0;
                ev += installs.sum(v, a, a.plus(Duration.ofHours(1))) * w;
                eo += othersInstalls[h] * w;
            }
            return new double[] {ev, eo};
        }

        boolean hasConcurrentBaseline(String v) {
            Duration recent = s.longestWindow().compareTo(RECENT) < 0 ? s.longestWindow() : RECENT;
            return othersExposure(v, recent) > 0;
        }

        /** The symptom's customers in window {@code wi}, summed over the versions tested. */
        private long total(String symptom, int wi) {
            long[] t = totals.get(symptom);
            return t == null ? 0 : t[wi];
        }

        List<Candidate> concurrentTests(String v) {
            List<Candidate> out = new ArrayList<>();
            int windows = s.windows().size();
            double[] ev = new double[windows], eo = new double[windows];
            long[] versionAll = new long[windows], productAll = new long[windows];
            Map<String, long[]> cells = byWindow.of(v);
            for (int wi = 0; wi < windows; wi++) {
                Duration w = s.windows().get(wi);
                ev[wi] = weightedExposure(v, w);
                eo[wi] = othersWeightedExposure(v, w);
                versionAll[wi] = byWindow.count(v, Symptoms.ALL, wi);
                productAll[wi] = total(Symptoms.ALL, wi);
            }
            for (Map.Entry<String, long[]> e : cells.entrySet()) {
                long[] counts = e.getValue();
                if (counts[windows - 1] < s.minCustomers()) {
                    continue;
                }
                String symptom = e.getKey();
                long[] symptomTotals = totals.get(symptom);
                if (background(symptom, counts[windows - 1], symptomTotals[windows - 1],
                        versionAll[windows - 1], productAll[windows - 1])) {
                    continue;
                }
                double margin = margin(symptom, s);
                for (int wi = 0; wi < windows; wi++) {
                    Duration w = s.windows().get(wi);
                    long x = counts[wi];
                    if (x < s.minCustomers() || ev[wi] <= 0 || eo[wi] <= 0) {
                        continue;
                    }
                    // the other versions' customers: the window's total over the versions tested, less this one's
                    long symptomAll = symptomTotals[wi];
                    long y = symptomAll - x;
                    RelevanceTest.Outcome r = test(x, ev[wi], y, eo[wi], margin, !symptom.isEmpty());
                    boolean shrinkage = symptom.isEmpty()
                            || Bcpnn.of(x, versionAll[wi], symptomAll, productAll[wi]).ic025() > 0;
                    out.add(new Candidate(v, symptom, w, Signal.Baseline.OTHER_VERSIONS, x, r.expected(),
                            r.rateRatio(), r.pValue(), shrinkage));
                }
            }
            return out;
        }

        /**
         * A phrase the other versions' customers use so often ({@code backgroundShare} of them or more) that it
         * is the product's everyday vocabulary ("update", "help", "question"): never a symptom of one version.
         * Categories and all contacts are never background.
         */
        boolean background(String symptom, long x, long symptomAll, long versionAll, long productAll) {
            if (symptom.isEmpty() || Symptoms.isCategory(symptom)) {
                return false;
            }
            long others = productAll - versionAll;
            return others > 0 && (double) (symptomAll - x) / others >= s.relevance().backgroundShare();
        }

        /**
         * {@link RelevanceTest}: {@code H0: rate ratio <= margin}, for a symptom widened by the product's
         * between-version spread (each healthy version has its own symptom mix; a version's contacts as a whole vary
         * far less, and their larger margin covers that), with the ratio shrunk. The exact tail is skipped (p = 1, still counted in the FDR family) when the shrunk
         * ratio alone rules the signal out: most of the grid runs at or below its baseline, and the exact binomial
         * tail is the evaluator's main cost.
         */
        RelevanceTest.Outcome test(long x, double ev, long y, double eo, double margin, boolean symptom) {
            double widened = symptom ? RelevanceTest.widenedMargin(margin, s.relevance().spreadQuantile(),
                    Math.sqrt(tau2())) : margin;
            // the shrunk ratio must clear the widened margin too: the Gamma–Poisson posterior of a phrase of a few
            // customers that nobody else used stays near 1, however small its exact p-value on a tiny version
            return RelevanceTest.test(x, ev, y, eo, widened, widened, s.relevance().pseudoCustomers());
        }

        /**
         * The predecessor's {@code day} ({@link #predecessorDay}) with both exposures; null when the version has no
         * predecessor to test against (no such day, or no installs).
         */
        PredecessorWindow predecessorWindow(String v, DetectionSource.VersionRange day, DetectionSource source) {
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

        /** The version against its predecessor at the same age since release, over one 24 h window. */
        List<Candidate> predecessorTests(PredecessorWindow p, Map<VersionSymptom, Long> then,
                DetectionSource source) {
            String v = p.version();
            ReleaseInfo pred = releases.get(p.predecessor());
            double ev = p.exposure();
            double ep = p.predecessorExposure();
            int windowIndex = s.windows().indexOf(PREDECESSOR_WINDOW);
            int wi = Math.max(0, windowIndex);
            Map<String, long[]> now = windowIndex >= 0 ? byWindow.of(v)
                    : WindowCounts.of(List.of(source.customersOf(product, v, end.minus(PREDECESSOR_WINDOW), end)))
                            .of(v);
            Map<String, Long> before = ofVersion(then, pred.version());
            long[] nowAll = now.get(Symptoms.ALL);
            long versionAll = nowAll == null ? 0 : nowAll[wi];
            long predecessorAll = before.getOrDefault(Symptoms.ALL, 0L);
            List<Candidate> out = new ArrayList<>();
            // a thin baseline is no evidence: the predecessor's first day on a handful of installs says nothing
            if (predecessorAll < s.relevance().minBaselineCustomers()) {
                return out;
            }
            for (Map.Entry<String, long[]> e : now.entrySet()) {
                long x = e.getValue()[wi];
                if (x < s.minCustomers()) {
                    continue;
                }
                String symptom = e.getKey();
                long y = before.getOrDefault(symptom, 0L);
                RelevanceTest.Outcome r = test(x, ev, y, ep, margin(symptom, s), !symptom.isEmpty());
                boolean shrinkage = symptom.isEmpty()
                        || Bcpnn.of(x, versionAll, x + y, versionAll + predecessorAll).ic025() > 0;
                out.add(new Candidate(v, symptom, PREDECESSOR_WINDOW, Signal.Baseline.PREDECESSOR_SAME_AGE, x,
                        r.expected(), r.rateRatio(), r.pValue(), shrinkage));
            }
            return out;
        }

        /** Daily CUSUM of all contacts since release (at most cusumDays), expected from the other versions' rate. */
        Signal cusum(String v, HourlySeries contacts) {
            ReleaseInfo mine = releases.get(v);
            Instant from = end.minus(Duration.ofDays(s.cusumDays()));
            if (mine != null && mine.releasedAt().isAfter(from)) {
                Instant rel = mine.releasedAt().truncatedTo(ChronoUnit.HOURS);
                long days = Math.max(1, Duration.between(rel, end).toDays());
                from = end.minus(Duration.ofDays(days));
            }
            List<Cusum.Step> steps = new ArrayList<>();
            long observed = 0;
            double expected = 0;
            for (Instant d = from; d.isBefore(end); d = d.plus(Duration.ofDays(1))) {
                Instant e = d.plus(Duration.ofDays(1));
                long x = contacts.sum(v, d, e);
                double ev = installs.sum(v, d, e);
                long y = 0;
                double eo = 0;
                for (String u : versions) {
                    if (!u.equals(v)) {
                        y += contacts.sum(u, d, e);
                        eo += installs.sum(u, d, e);
                    }
                }
                // a day whose other versions drew fewer customers than a signal needs is no baseline: the step
                // would take their rate as exact, and on a version that runs on most installs that noise adds up
                if (eo <= 0 || ev <= 0 || y < s.minCustomers()) {
                    continue;
                }
                double mu = y / eo * ev;
                steps.add(new Cusum.Step((int) x, mu));
                observed += x;
                expected += mu;
            }
            if (steps.isEmpty()) {
                return null;
            }
            // in control up to the all-contacts margin: the CUSUM looks for an excess beyond it, not any excess
            double margin = s.relevance().allContactsMargin();
            List<Cusum.Step> beyond = steps.stream().map(x -> new Cusum.Step(x.observed(), x.expected() * margin))
                    .toList();
            Cusum.Path path = Cusum.run(beyond, s.cusumRateFactor(), s.cusumThreshold());
            double last = path.statistic().get(path.statistic().size() - 1);
            double k = s.relevance().pseudoCustomers();
            double ratio = (observed + k) / (expected + k);
            if (last < s.cusumThreshold() || observed < s.minCustomers() || ratio < margin) {
                return null;
            }
            return new Signal(null, Duration.ofDays(steps.size()), observed, round(observed / ratio), round(ratio),
                    round(Math.min(SCORE_CAP, last / Math.log(10))), Signal.Baseline.CUSUM_SINCE_RELEASE);
        }

        Finding finding(String v, List<Signal> signals) {
            // One signal per symptom and baseline (its strongest window), strongest first.
            Map<String, Signal> best = new LinkedHashMap<>();
            for (Signal x : signals) {
                best.merge(x.symptom() + "|" + x.baseline(), x, (a, b) -> STRONGEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
            List<Signal> sorted = new ArrayList<>(best.values());
            sorted.sort(STRONGEST_FIRST);
            // one signal per theme: spellings and parts of one complaint are named once, by the strongest
            Map<String, List<String>> variants = new HashMap<>();
            for (Themes.Theme t : Themes.group(sorted.stream().map(x -> x.symptom() == null ? Symptoms.ALL
                    : x.symptom()).distinct().toList())) {
                variants.put(t.name(), t.variants());
            }
            sorted.removeIf(x -> x.symptom() != null && !variants.containsKey(x.symptom()));
            double score = sorted.get(0).score();
            // Attribute to a symptom when one is behind the evidence: "lost note" says more than "all contacts".
            // Among symptoms of about the strongest evidence (many phrases of the same contacts tie), prefer a
            // critical one, then a phrase of two words, the form people say it in.
            Signal primary = sorted.stream().filter(x -> x.symptom() != null && x.score() >= 0.9 * score)
                    .min(Comparator.comparing((Signal x) -> !SeverityRule.isCritical(x.symptom(), s.criticalPhrases()))
                            .thenComparing(x -> Math.abs(words(x.symptom()) - 2))
                            .thenComparing(STRONGEST_FIRST))
                    .orElse(sorted.get(0));
            long active = activeInstalls(v);
            double share = active > 0 ? (double) primary.observed() / active : 0;
            boolean critical = sorted.stream().anyMatch(x -> SeverityRule.isCritical(x.symptom(),
                    s.criticalPhrases()));
            Severity severity = SeverityRule.of(score, share, critical);
            List<Signal> top = new ArrayList<>();
            top.add(primary);
            sorted.stream().filter(x -> x != primary).limit(4).forEach(top::add);
            return new Finding(product, v, severity, score, primary.symptom(), primary.observed(), share, top,
                    Summaries.version(product, v, primary, share,
                            primary.symptom() == null ? List.of() : variants.getOrDefault(primary.symptom(),
                                    List.of())));
        }

        /** Words of a phrase; a category counts as one. */
        private static int words(String symptom) {
            return Symptoms.isCategory(symptom) ? 1 : symptom.split(" ").length;
        }

        /** The version's health; its rates over the last 24 h, from the product's hourly customers of all contacts. */
        VersionHealth health(String v, Instant asOf, Finding f, List<Candidate> nearMisses, HourlySeries allContacts) {
            Duration day = Duration.ofHours(24);
            Instant from = end.minus(day);
            long contacts = allContacts.sum(v, from, end);
            long others = 0;
            for (String u : versions) {
                if (!u.equals(v)) {
                    others += allContacts.sum(u, from, end);
                }
            }
            double ev = exposure(v, day), eo = othersExposure(v, day);
            double rate = ev > 0 ? contacts / (ev / 24) * 1000 : 0;
            double baseline = eo > 0 ? others / (eo / 24) * 1000 : 0;
            double ratio = baseline > 0 ? rate / baseline : rate > 0 ? Double.POSITIVE_INFINITY : 1;
            boolean enough = enoughData(v);
            VersionHealth.Status status;
            int risk;
            List<Signal> top;
            if (f != null) {
                status = switch (f.severity()) {
                    case CRITICAL -> VersionHealth.Status.CRITICAL;
                    case HIGH, MEDIUM -> VersionHealth.Status.AT_RISK;
                    case LOW -> VersionHealth.Status.WATCH;
                };
                risk = (int) Math.min(100, Math.round(40 + f.score() * 6));
                top = f.signals().subList(0, Math.min(3, f.signals().size()));
            } else if (enough && !nearMisses.isEmpty()) {
                status = VersionHealth.Status.WATCH;
                double best = nearMisses.stream().mapToDouble(Candidate::p).min().orElse(1);
                risk = (int) Math.min(39, Math.round(-Math.log10(best) * 10));
                top = nearMisses.stream().sorted(Comparator.comparingDouble(Candidate::p)).limit(3)
                        .map(c -> c.signal(-Math.log10(Math.max(c.p(), 1e-300)))).toList();
            } else {
                status = VersionHealth.Status.HEALTHY;
                risk = 0;
                top = List.of();
            }
            return new VersionHealth(product, v, asOf, status, risk, activeInstalls(v), contacts, round(rate),
                    round(baseline), Double.isFinite(ratio) ? round(ratio) : 0, top, enough);
        }

        /**
         * All versions together, last 24 h against the week before: a product-wide finding, or null. Versions with a
         * finding of their own are left out, so that one bad version does not also read as a product-wide surge.
         */
        Finding productSurge(HourlySeries contacts, List<String> explained) {
            Instant recentFrom = end.minus(SURGE_WINDOW);
            Instant priorFrom = recentFrom.minus(SURGE_HISTORY);
            long recent = 0, prior = 0;
            double er = 0, ep = 0;
            for (String u : contacts.values().keySet()) {
                if (explained.contains(u)) {
                    continue;
                }
                recent += contacts.sum(u, recentFrom, end);
                prior += contacts.sum(u, priorFrom, recentFrom);
            }
            for (String u : installs.values().keySet()) {
                if (explained.contains(u)) {
                    continue;
                }
                er += installs.sum(u, recentFrom, end);
                ep += installs.sum(u, priorFrom, recentFrom);
            }
            if (er <= 0 || ep <= 0 || recent < s.minCustomers() || prior == 0) {
                return null;
            }
            PoissonRateTest.RateComparison r = PoissonRateTest.compare((int) recent, er, (int) prior, ep);
            // observed / expected, the expected count at last week's rate, shrunk like every other ratio
            double ratio = RelevanceTest.shrunkRatio(recent, er, prior, ep, s.relevance().pseudoCustomers());
            if (ratio < s.surgeRatio() || r.pValue() > SURGE_P) {
                return null;
            }
            double score = round(Math.min(SCORE_CAP, -Math.log10(Math.max(r.pValue(), 1e-300))));
            Signal signal = new Signal(null, SURGE_WINDOW, recent, round(recent / ratio), round(ratio), score,
                    Signal.Baseline.PRODUCT_HISTORY);
            Severity severity = ratio >= 5 ? Severity.HIGH : ratio >= 3 ? Severity.MEDIUM : Severity.LOW;
            return new Finding(product, null, severity, score, null, recent, 0, List.of(signal),
                    Summaries.productWide(product, signal));
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
}

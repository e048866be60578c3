package io.releaseradar.simulation;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replays a detector hourly over a simulated world's evaluation period and scores its alerts against the ground
 * truth. A version's alert opens at the first evaluation that flags it; one that opens before the version's
 * incident (or on a version without one) is a false version alert, and the first one at or after the onset is the
 * incident's detection. Product-wide findings (version null) are never version alerts.
 */
public final class DetectionReplay {

    private static final Duration HOUR = Duration.ofHours(1);

    private DetectionReplay() {
    }

    /** What a detector says about one version at one instant: how strongly it suspects it, and of what symptom. */
    public record Suspicion(double statistic, String symptom) {
    }

    /**
     * Every evaluation of a replay: per version, the statistic and symptom at each evaluation instant
     * ({@code hours.get(i)}), and how many of those instants it was exposed to a false alert.
     *
     * @param exposedHours per version, the evaluation instants at which it was released, had active installs and
     *     had no incident under way yet (a false alert could have opened)
     */
    public record Trace(SimulatedWorld world, List<Instant> hours, Map<String, double[]> statistic,
            Map<String, String[]> symptom, Map<String, Integer> exposedHours) {
    }

    /** The evaluator as a detector: a version is flagged (statistic 1) when the evaluation has a finding for it. */
    public static Function<Instant, Map<String, Suspicion>> evaluator(String product, DetectionSource source,
            DetectionSettings settings) {
        return asOf -> {
            Evaluation e = Evaluator.evaluate(product, asOf, source, settings);
            Map<String, Suspicion> out = new HashMap<>();
            for (Finding f : e.findings()) {
                if (f.version() != null) {
                    out.put(f.version(), new Suspicion(1.0, f.symptom()));
                }
            }
            return out;
        };
    }

    /** The evaluation instants: each whole hour after the evaluation period began, up to its end. */
    public static List<Instant> hours(SimulatedWorld world) {
        List<Instant> hours = new ArrayList<>();
        for (Instant t = world.evaluationStart().plus(HOUR); !t.isAfter(world.end()); t = t.plus(HOUR)) {
            hours.add(t);
        }
        return hours;
    }

    /** Runs the detector at every evaluation instant. */
    public static Trace trace(SimulatedWorld world, DetectionSource source,
            Function<Instant, Map<String, Suspicion>> detector) {
        List<Instant> hours = hours(world);
        Map<String, double[]> statistic = new LinkedHashMap<>();
        Map<String, String[]> symptom = new LinkedHashMap<>();
        for (int i = 0; i < hours.size(); i++) {
            for (Map.Entry<String, Suspicion> e : detector.apply(hours.get(i)).entrySet()) {
                String v = e.getKey();
                statistic.computeIfAbsent(v, k -> new double[hours.size()])[i] = e.getValue().statistic();
                symptom.computeIfAbsent(v, k -> new String[hours.size()])[i] = e.getValue().symptom();
            }
        }
        return new Trace(world, hours, statistic, symptom, exposedHours(world, source, hours));
    }

    private static Map<String, Integer> exposedHours(SimulatedWorld world, DetectionSource source,
            List<Instant> hours) {
        Instant from = hours.get(0).minus(HOUR);
        Map<String, long[]> active = source.hourlyActiveInstalls(world.product(), from, world.end());
        Map<String, Instant> onset = firstOnsets(world);
        Map<String, Instant> released = new HashMap<>();
        world.releases().forEach(r -> released.put(r.version(), r.releasedAt()));
        Map<String, Integer> exposed = new HashMap<>();
        active.forEach((v, counts) -> {
            int n = 0;
            for (int i = 0; i < hours.size(); i++) {
                Instant t = hours.get(i);
                boolean out = released.containsKey(v) && !released.get(v).isAfter(t);
                boolean quiet = !onset.containsKey(v) || t.isBefore(onset.get(v));
                n += out && quiet && counts[i] > 0 ? 1 : 0;
            }
            exposed.put(v, n);
        });
        return exposed;
    }

    private static Map<String, Instant> firstOnsets(SimulatedWorld world) {
        Map<String, Instant> onset = new HashMap<>();
        for (SimulatedWorld.Incident i : world.incidents()) {
            onset.merge(i.version(), i.onset(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return onset;
    }

    /** Scores a trace: a version is flagged at an instant when its statistic reaches the threshold. */
    public static Score score(Trace trace, double threshold) {
        SimulatedWorld world = trace.world();
        List<Instant> hours = trace.hours();
        Map<String, Instant> onset = firstOnsets(world);
        int falseAlerts = 0;
        List<FalseAlert> falseVersions = new ArrayList<>();
        for (Map.Entry<String, double[]> e : trace.statistic().entrySet()) {
            Instant until = onset.get(e.getKey());
            for (int i = 0; i < hours.size() && (until == null || hours.get(i).isBefore(until)); i++) {
                if (e.getValue()[i] >= threshold) {
                    falseAlerts++;
                    falseVersions.add(new FalseAlert(world.spec().name(), world.seed(), e.getKey(), hours.get(i),
                            trace.symptom().get(e.getKey())[i]));
                    break;
                }
            }
        }
        Score score = new Score(0, 0, Map.of(), 0, 0, 0, falseAlerts,
                trace.exposedHours().values().stream().mapToInt(Integer::intValue).sum() / 168.0, falseVersions);
        for (int k = 0; k < world.incidents().size(); k++) {
            SimulatedWorld.Incident incident = world.incidents().get(k);
            double[] stat = trace.statistic().get(incident.version());
            int at = -1;
            for (int i = 0; stat != null && i < hours.size(); i++) {
                if (!hours.get(i).isBefore(incident.onset()) && stat[i] >= threshold) {
                    at = i;
                    break;
                }
            }
            long affected = incident.affected().size();
            if (at < 0) {
                score = score.plus(new Score(1, 0, Map.of(), 0, affected, 0, 0, 0, List.of()));
                continue;
            }
            Instant opened = hours.get(at);
            double delay = Duration.between(incident.onset(), opened).toMinutes() / 60.0;
            boolean attributed = incident.isAbout(trace.symptom().get(incident.version())[at]);
            long warned = incident.affected().stream().filter(a -> !a.firstContactAt().isBefore(opened)).count();
            String key = world.spec().name() + "/" + world.seed() + "/" + k;
            score = score.plus(new Score(1, 1, Map.of(key, delay), attributed ? 1 : 0, affected, warned, 0, 0,
                    List.of()));
        }
        return score;
    }

    /** A version alert that opened with no incident under way on the version. */
    public record FalseAlert(String scenario, long seed, String version, Instant at, String symptom) {

        @Override
        public String toString() {
            return scenario + "/" + seed + ": " + version + " at " + at + " ("
                    + (symptom == null ? "all contacts" : symptom) + ")";
        }
    }

    /**
     * Detection quality, summable over worlds.
     *
     * @param delays detection delay (hours after onset) of each detected incident, by scenario/seed/index
     * @param affected customers who contacted support about an incident
     * @param warned of those, the ones whose first such contact came at or after the alert opened
     * @param versionWeeks weeks during which a version could have raised a false alert
     * @param falseAlertsAt which versions alerted falsely, when, about what
     */
    public record Score(int incidents, int detected, Map<String, Double> delays, int attributed, long affected,
            long warned, int falseAlerts, double versionWeeks, List<FalseAlert> falseAlertsAt) {

        public static final Score ZERO = new Score(0, 0, Map.of(), 0, 0, 0, 0, 0, List.of());

        public Score plus(Score o) {
            Map<String, Double> d = new HashMap<>(delays);
            d.putAll(o.delays);
            List<FalseAlert> falses = new ArrayList<>(falseAlertsAt);
            falses.addAll(o.falseAlertsAt);
            return new Score(incidents + o.incidents, detected + o.detected, Map.copyOf(d),
                    attributed + o.attributed, affected + o.affected, warned + o.warned, falseAlerts + o.falseAlerts,
                    versionWeeks + o.versionWeeks, List.copyOf(falses));
        }

        public double recall() {
            return incidents == 0 ? Double.NaN : (double) detected / incidents;
        }

        public double falseAlertsPer100VersionWeeks() {
            return versionWeeks == 0 ? 0 : falseAlerts * 100 / versionWeeks;
        }

        public double attribution() {
            return detected == 0 ? Double.NaN : (double) attributed / detected;
        }

        public double warnedBeforeContact() {
            return affected == 0 ? Double.NaN : (double) warned / affected;
        }

        /** The q-quantile of the delays (nearest rank), NaN when nothing was detected. */
        public double delayQuantile(double q) {
            return quantile(delays.values(), q);
        }

        /** The q-quantile of the delays of the given incidents only (those every compared detector found). */
        public double delayQuantile(double q, java.util.Collection<String> incidents) {
            return quantile(incidents.stream().map(delays::get).filter(java.util.Objects::nonNull).toList(), q);
        }

        private static double quantile(java.util.Collection<Double> values, double q) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = values.stream().sorted().toList();
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}

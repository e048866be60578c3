package io.releaseradar.bench;

import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.simulation.DetectionReplay.Suspicion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reference detector: EARS C2 (CDC's Early Aberration Reporting System) per version and symptom on exposure-normalised
 * counts. The current value is the version's customers per active install-day over the last 24 hours; the baseline
 * is the same rate on the 7 days before a 2-day guard band (days 3 to 9 back). The statistic is
 * (current - mean) / sd, the largest over the version's symptoms; the alarm threshold is calibrated on separate seeds.
 *
 * <p>Two adaptations a plain C2 needs here: a day on which the version had too few installs (not yet released, still
 * rolling out) takes the other versions' rate of that day instead, so that a release that is bad from day one can be
 * caught at all; and the sd is floored at the Poisson noise of the current rate, so that a baseline of zeros does
 * not turn a single contact into an infinite score. The same data floors as the evaluator.
 */
final class EarsC2Reference implements Function<Instant, Map<String, Suspicion>> {

    private static final Duration DAY = Duration.ofDays(1);
    private static final List<Integer> BASELINE_DAYS = List.of(3, 4, 5, 6, 7, 8, 9);

    private final String product;
    private final DetectionSource source;
    private final int minCustomers;
    private final int minActiveInstalls;

    EarsC2Reference(String product, DetectionSource source, int minCustomers, int minActiveInstalls) {
        this.product = product;
        this.source = source;
        this.minCustomers = minCustomers;
        this.minActiveInstalls = minActiveInstalls;
    }

    @Override
    public Map<String, Suspicion> apply(Instant asOf) {
        Instant end = asOf.truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(DAY.multipliedBy(10));
        Map<String, long[]> installs = source.hourlyActiveInstalls(product, start, end);
        // install-days of each version on day d back (d = 0: the last 24 hours)
        Map<String, double[]> exposure = new HashMap<>();
        double[] total = new double[10];
        installs.forEach((v, hourly) -> {
            double[] days = new double[10];
            for (int h = 0; h < hourly.length; h++) {
                days[9 - h / 24] += hourly[h] / 24.0;
            }
            exposure.put(v, days);
            for (int d = 0; d < 10; d++) {
                total[d] += days[d];
            }
        });
        Map<VersionSymptom, Long> current = source.customers(product, end.minus(DAY), end);
        Map<Integer, Map<VersionSymptom, Long>> past = new HashMap<>();
        Map<Integer, Map<String, Long>> pastPerSymptom = new HashMap<>();
        for (int d : BASELINE_DAYS) {
            Map<VersionSymptom, Long> counts = source.customers(product, end.minus(DAY.multipliedBy(d + 1)),
                    end.minus(DAY.multipliedBy(d)));
            past.put(d, counts);
            Map<String, Long> bySymptom = new HashMap<>();
            counts.forEach((k, n) -> {
                if (!k.version().isEmpty()) {
                    bySymptom.merge(k.symptom(), n, Long::sum);
                }
            });
            pastPerSymptom.put(d, bySymptom);
        }
        Map<String, Suspicion> out = new HashMap<>();
        for (Map.Entry<VersionSymptom, Long> e : current.entrySet()) {
            String v = e.getKey().version();
            long[] active = installs.get(v);
            if (v.isEmpty() || e.getValue() < minCustomers || active == null
                    || active[active.length - 1] < minActiveInstalls) {
                continue;
            }
            String symptom = e.getKey().symptom();
            double[] mine = exposure.get(v);
            double rate = e.getValue() / mine[0];
            double[] baseline = new double[BASELINE_DAYS.size()];
            double baselineExposure = 0;
            for (int i = 0; i < baseline.length; i++) {
                int d = BASELINE_DAYS.get(i);
                if (mine[d] >= minActiveInstalls) {
                    baseline[i] = past.get(d).getOrDefault(e.getKey(), 0L) / mine[d];
                    baselineExposure += mine[d];
                } else {
                    double others = total[d] - mine[d];
                    long count = pastPerSymptom.get(d).getOrDefault(symptom, 0L)
                            - past.get(d).getOrDefault(e.getKey(), 0L);
                    baseline[i] = others > 0 ? count / others : 0;
                    baselineExposure += others;
                }
            }
            double mean = 0;
            for (double b : baseline) {
                mean += b;
            }
            mean /= baseline.length;
            double var = 0;
            for (double b : baseline) {
                var += (b - mean) * (b - mean);
            }
            double sd = Math.sqrt(var / (baseline.length - 1));
            double poisson = Math.sqrt(Math.max(mean, 1.0 / Math.max(baselineExposure, 1)) / mine[0]);
            double z = (rate - mean) / Math.max(sd, poisson);
            Suspicion best = out.get(v);
            if (z > 0 && (best == null || z > best.statistic())) {
                out.put(v, new Suspicion(z, symptom.isEmpty() ? null : symptom));
            }
        }
        return out;
    }
}

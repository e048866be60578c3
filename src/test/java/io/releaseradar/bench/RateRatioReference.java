package io.releaseradar.bench;

import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.detection.stats.PoissonRateTest;
import io.releaseradar.simulation.DetectionReplay.Suspicion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reference detector: the exact conditional rate-ratio test of each version against all other versions together,
 * per symptom, over the last 24 hours, exposure in install-hours. The statistic is -log10 of the one-sided p-value,
 * the largest over the version's symptoms; the alarm threshold is calibrated on separate seeds. No multiple-testing
 * correction, windows, predecessor, CUSUM or shrinkage: the calibration alone keeps its false alerts in check.
 * The same data floors as the evaluator (a version needs {@code minActiveInstalls}, a signal {@code minCustomers}).
 */
final class RateRatioReference implements Function<Instant, Map<String, Suspicion>> {

    private static final Duration WINDOW = Duration.ofHours(24);

    private final String product;
    private final DetectionSource source;
    private final int minCustomers;
    private final int minActiveInstalls;

    RateRatioReference(String product, DetectionSource source, int minCustomers, int minActiveInstalls) {
        this.product = product;
        this.source = source;
        this.minCustomers = minCustomers;
        this.minActiveInstalls = minActiveInstalls;
    }

    @Override
    public Map<String, Suspicion> apply(Instant asOf) {
        Instant end = asOf.truncatedTo(ChronoUnit.HOURS);
        Instant from = end.minus(WINDOW);
        Map<String, long[]> installs = source.hourlyActiveInstalls(product, from, end);
        Map<String, Double> exposure = new HashMap<>();
        double totalExposure = 0;
        for (Map.Entry<String, long[]> e : installs.entrySet()) {
            double sum = 0;
            for (long x : e.getValue()) {
                sum += x;
            }
            exposure.put(e.getKey(), sum);
            totalExposure += sum;
        }
        Map<VersionSymptom, Long> counts = source.customers(product, from, end);
        Map<String, Long> perSymptom = new HashMap<>();
        counts.forEach((k, n) -> {
            if (!k.version().isEmpty()) {
                perSymptom.merge(k.symptom(), n, Long::sum);
            }
        });
        Map<String, Suspicion> out = new HashMap<>();
        for (Map.Entry<VersionSymptom, Long> e : counts.entrySet()) {
            String v = e.getKey().version();
            long[] active = installs.get(v);
            if (v.isEmpty() || e.getValue() < minCustomers || active == null
                    || active[active.length - 1] < minActiveInstalls) {
                continue;
            }
            long x = e.getValue();
            long y = perSymptom.get(e.getKey().symptom()) - x;
            double ev = exposure.get(v);
            double eo = totalExposure - ev;
            PoissonRateTest.RateComparison r = PoissonRateTest.compare((int) x, ev, (int) y, eo);
            if (!r.testable() || r.rateRatio() <= 1) {
                continue;
            }
            double statistic = -Math.log10(Math.max(r.pValue(), 1e-300));
            Suspicion best = out.get(v);
            if (best == null || statistic > best.statistic()) {
                String symptom = e.getKey().symptom();
                out.put(v, new Suspicion(statistic, symptom.isEmpty() ? null : symptom));
            }
        }
        return out;
    }
}

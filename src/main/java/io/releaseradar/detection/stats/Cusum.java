package io.releaseradar.detection.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * One-sided Poisson CUSUM: accumulates evidence, step by step, that counts run at k times their expected value.
 *
 * <p>Each step adds the log-likelihood ratio of "rate k·mu" against "rate mu" for the observed count x,
 * {@code x·ln(k) - (k-1)·mu}, and the statistic is floored at 0:
 * {@code S_t = max(0, S_(t-1) + x_t·ln(k) - (k-1)·mu_t)}, starting from S = 0. The floor is what makes it a CUSUM
 * rather than a running sum: quiet periods cannot bank credit against a later surge, so a sudden rise after weeks of
 * normal counts is seen as quickly as one on day one. An alarm is the first step where S_t &gt;= h.
 */
public final class Cusum {

    /**
     * One period (for example an hour) of one version.
     *
     * @param observed contacts counted in the period
     * @param expected contacts expected in the period at the in-control rate (mu), for example baseline rate times
     *     the version's exposure
     */
    public record Step(int observed, double expected) {
        public Step {
            if (observed < 0 || !(expected >= 0) || Double.isInfinite(expected)) {
                throw new IllegalArgumentException("need observed >= 0 and a finite expected >= 0, got "
                        + observed + ", " + expected);
            }
        }
    }

    /**
     * How the chart is tuned.
     *
     * @param rateFactor k &gt; 1, the rate increase the chart is tuned to detect soonest (2 = doubling)
     * @param threshold h &gt; 0; larger means fewer false alarms and later true ones
     */
    public record Design(double rateFactor, double threshold) {
        public Design {
            if (!(rateFactor > 1) || Double.isInfinite(rateFactor)) {
                throw new IllegalArgumentException("rate factor must be a finite number > 1, got " + rateFactor);
            }
            if (!(threshold > 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("threshold must be a finite number > 0, got " + threshold);
            }
        }
    }

    /**
     * The chart.
     *
     * @param statistic S_t after each step, one value per input step (unmodifiable)
     * @param firstCrossing index of the first step with S_t &gt;= h, or -1 if none
     */
    public record Path(List<Double> statistic, int firstCrossing) {
        public Path {
            statistic = List.copyOf(statistic);
        }

        /** True when the threshold was reached at some step. */
        public boolean alarmed() {
            return firstCrossing >= 0;
        }
    }

    private Cusum() {
    }

    public static Path run(List<Step> steps, double rateFactor, double threshold) {
        return run(steps, new Design(rateFactor, threshold));
    }

    public static Path run(List<Step> steps, Design design) {
        double lnK = Math.log(design.rateFactor());
        double excess = design.rateFactor() - 1;
        List<Double> path = new ArrayList<>(steps.size());
        int first = -1;
        double s = 0.0;
        for (int t = 0; t < steps.size(); t++) {
            Step step = steps.get(t);
            s = Math.max(0.0, s + step.observed() * lnK - excess * step.expected());
            path.add(s);
            if (first < 0 && s >= design.threshold()) {
                first = t;
            }
        }
        return new Path(path, first);
    }
}

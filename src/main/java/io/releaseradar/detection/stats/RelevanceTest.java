package io.releaseradar.detection.stats;

/**
 * Whether a version's rate exceeds its baseline's by more than a margin that matters, allowing for the spread
 * between healthy versions: a significance test alone flags any real difference once samples are large, and
 * healthy versions do differ (each has its own mix of symptoms, and new versions draw busier early adopters).
 *
 * <p>The null hypothesis is {@code H0: rate ratio <= r0 · exp(κ·τ)}: the margin {@code r0} that matters, widened
 * by {@code κ} standard deviations {@code τ} of the log rate ratios between healthy versions of the product
 * (estimated per product, see {@code VersionSpread}), so that a difference healthy versions show anyway never
 * counts, however many customers show it. It is tested exactly, conditionally on the n = x1 + x0 customers: under
 * H0 the version's share is at most {@code r·e1 / (r·e1 + e0)} ({@link PoissonRateTest} with the version's
 * exposure multiplied by r), which stays exact for the small counts of a new symptom and a thin baseline.
 *
 * <p>The reported ratio is shrunk: {@code RR = (x1 + k) / (E + k)} with {@code E = e1 · (x0 + ½) / e0} and
 * {@code k} pseudo-customers at the baseline's rate (a Gamma–Poisson prior centred on "no difference"). Three
 * customers of a phrase nobody else used read as about 2x, not 850x; with many customers the prior fades. The
 * expected count is {@code x1 / RR}, so observed, expected and rate ratio always agree.
 */
public final class RelevanceTest {

    /**
     * The outcome.
     *
     * @param observed customers on the version
     * @param expected {@code observed / rateRatio}: the baseline's count for the version's exposure, shrunk
     * @param rateRatio the shrunk rate ratio
     * @param pValue one-sided exact p-value of {@code H0: RR <= r0 · exp(κτ)}; 1 when not testable or when the
     *     shrunk ratio does not exceed {@code r0}
     */
    public record Outcome(long observed, double expected, double rateRatio, double pValue) {
    }

    private RelevanceTest() {
    }

    /**
     * The shrunk rate ratio {@code (x1 + k) / (e1 (x0 + ½) / e0 + k)}; NaN when an exposure is 0.
     */
    public static double shrunkRatio(long x1, double e1, long x0, double e0, double k) {
        if (!(e1 > 0) || !(e0 > 0)) {
            return Double.NaN;
        }
        double e = e1 * (x0 + 0.5) / e0;
        return (x1 + k) / (e + k);
    }

    /** The null hypothesis' bound {@code r0 · exp(κ·τ)}. */
    public static double widenedMargin(double margin, double spreadQuantile, double tau) {
        return margin * Math.exp(spreadQuantile * tau);
    }

    /**
     * Tests {@code H0: RR <= margin}.
     *
     * @param x1 customers on the version
     * @param e1 the version's exposure
     * @param x0 customers on the baseline
     * @param e0 the baseline's exposure
     * @param margin the bound of H0, already widened by the spread between versions ({@link #widenedMargin})
     * @param minRatio the shrunk ratio must exceed this (the unwidened margin), else p = 1 without testing
     * @param k pseudo-customers of the shrinkage prior (&gt; 0)
     */
    public static Outcome test(long x1, double e1, long x0, double e0, double margin, double minRatio, double k) {
        double ratio = shrunkRatio(x1, e1, x0, e0, k);
        if (Double.isNaN(ratio)) {
            return new Outcome(x1, 0, Double.NaN, 1.0);
        }
        double expected = x1 / ratio;
        if (ratio <= minRatio || x1 == 0) {
            return new Outcome(x1, expected, ratio, 1.0);
        }
        double p = PoissonRateTest.compare((int) x1, margin * e1, (int) x0, e0).pValue();
        return new Outcome(x1, expected, ratio, p);
    }
}

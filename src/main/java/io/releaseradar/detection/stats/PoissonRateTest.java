package io.releaseradar.detection.stats;

/**
 * Exact conditional test of whether a version's contact rate exceeds the baseline rate.
 *
 * <p>Contacts on the version (count x1 over exposure e1, in install-hours) and on the baseline (x0 over e0) are
 * taken as Poisson. Under the null hypothesis of equal rates, the version's share of the n = x1 + x0 contacts is
 * Binomial(n, e1 / (e1 + e0)), whatever the common rate is; so the one-sided p-value is the binomial upper tail
 * {@code P(X >= x1)}. Conditioning removes the unknown rate, which makes the test exact for small counts, where a
 * normal approximation would raise false alarms on the first few contacts of a new release.
 */
public final class PoissonRateTest {

    /**
     * What was counted.
     *
     * @param versionCount contacts on the version (x1)
     * @param versionExposure install-hours of the version in the same window (e1)
     * @param baselineCount contacts on the baseline (x0)
     * @param baselineExposure install-hours of the baseline (e0)
     */
    public record Counts(int versionCount, double versionExposure, int baselineCount, double baselineExposure) {
        public Counts {
            if (versionCount < 0 || baselineCount < 0) {
                throw new IllegalArgumentException(
                        "counts must not be negative: " + versionCount + ", " + baselineCount);
            }
            if (!(versionExposure >= 0) || !(baselineExposure >= 0)
                    || Double.isInfinite(versionExposure) || Double.isInfinite(baselineExposure)) {
                throw new IllegalArgumentException(
                        "exposures must be finite and not negative: " + versionExposure + ", " + baselineExposure);
            }
        }
    }

    /**
     * The outcome.
     *
     * @param observed contacts on the version (x1)
     * @param expected contacts the version would have had at the baseline rate, n * e1 / (e1 + e0); 0 when not
     *     testable
     * @param rateRatio (x1 / e1) / (x0 / e0); when x0 = 0, 0.5 is added to both counts (Haldane) so the ratio stays
     *     finite and is 1 when there are no contacts at all; NaN when an exposure is 0
     * @param pValue one-sided P(X >= x1) under equal rates; 1 when not testable (an exposure is 0) or n = 0
     */
    public record RateComparison(int observed, double expected, double rateRatio, double pValue) {

        /** False when an exposure was 0, so nothing could be compared. */
        public boolean testable() {
            return !Double.isNaN(rateRatio);
        }
    }

    private PoissonRateTest() {
    }

    public static RateComparison compare(int versionCount, double versionExposure, int baselineCount,
            double baselineExposure) {
        return compare(new Counts(versionCount, versionExposure, baselineCount, baselineExposure));
    }

    public static RateComparison compare(Counts c) {
        int x1 = c.versionCount();
        int x0 = c.baselineCount();
        double e1 = c.versionExposure();
        double e0 = c.baselineExposure();
        if (e1 == 0 || e0 == 0) {
            return new RateComparison(x1, 0.0, Double.NaN, 1.0);
        }
        long n = (long) x1 + x0;
        double total = e1 + e0;
        // p and q each from its own division: 1 - p would lose digits of q when the version has almost all exposure
        double p = e1 / total;
        double q = e0 / total;
        double expected = n * p;
        double rateRatio = x0 == 0 ? ((x1 + 0.5) / e1) / (0.5 / e0) : ((double) x1 / e1) / ((double) x0 / e0);
        double pValue = n == 0 ? 1.0 : BinomialTail.upperTail(n, x1, p, q);
        return new RateComparison(x1, expected, rateRatio, pValue);
    }
}

package io.releaseradar.detection.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Benjamini–Hochberg step-up procedure: which of many simultaneous tests (every version × symptom, every hour) to
 * report, so that on average at most a fraction q of the reported ones are false alarms.
 *
 * <p>With the m p-values sorted, p(1) &lt;= ... &lt;= p(m), the discoveries are the tests ranked 1..k for the largest
 * k with {@code p(k) <= k·q/m}. Equivalently each test gets the adjusted p-value
 * {@code min over j >= i of min(1, p(j)·m/j)}, non-decreasing in the rank, and is a discovery exactly when that is
 * &lt;= q. This class decides by the adjusted p-value, so the two outputs can never disagree through rounding.
 * Controls the FDR for independent or positively dependent tests, which covers counts sharing a baseline.
 *
 * <p>Weighted (Genovese, Roeder and Wasserman 2006): each test may carry a weight, rescaled here so the weights
 * average 1, and the procedure runs on {@code p/w} instead of {@code p}. A test with weight 2 needs only half the
 * evidence of a test with weight 1; the FDR bound q holds as long as the weights are fixed before the data are seen.
 * All weights equal is the plain procedure.
 */
public final class BenjaminiHochberg {

    /**
     * One test.
     *
     * @param id what was tested, handed back unchanged
     * @param p its p-value, in [0, 1]
     * @param weight its weight relative to the other tests, &gt; 0 and finite
     */
    public record Hypothesis(String id, double p, double weight) {
        public Hypothesis {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-value must be in [0, 1], got " + p + " for " + id);
            }
            if (!(weight > 0 && Double.isFinite(weight))) {
                throw new IllegalArgumentException("weight must be positive and finite, got " + weight + " for " + id);
            }
        }

        /** A test weighted like every other one. */
        public Hypothesis(String id, double p) {
            this(id, p, 1.0);
        }
    }

    /**
     * The verdict on one test.
     *
     * @param id as given
     * @param p the p-value as given
     * @param weight the test's weight rescaled so that all weights average 1
     * @param adjustedP the BH-adjusted p-value (the smallest FDR level at which this test would be a discovery)
     * @param discovery whether adjustedP &lt;= q
     */
    public record Decision(String id, double p, double weight, double adjustedP, boolean discovery) {

        /** The p-value the procedure ranked this test by: p over its weight. */
        public double weightedP() {
            return p / weight;
        }
    }

    private BenjaminiHochberg() {
    }

    /** One decision per hypothesis, in the order given. */
    public static List<Decision> decide(List<Hypothesis> hypotheses, double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("FDR level q must be in (0, 1], got " + q);
        }
        int m = hypotheses.size();
        double total = 0;
        for (Hypothesis h : hypotheses) {
            total += h.weight();
        }
        double[] weight = new double[m];
        double[] ranked = new double[m];
        for (int i = 0; i < m; i++) {
            weight[i] = hypotheses.get(i).weight() * m / total;
            ranked[i] = hypotheses.get(i).p() / weight[i];
        }
        // The adjusted value at each rank of the sorted values (a primitive sort: an evaluation ranks thousands).
        // Tied values get the same adjusted value whatever their order among themselves (the running minimum
        // already holds the tie's last rank), so a test's value is found by searching for any rank of its value.
        double[] sorted = ranked.clone();
        Arrays.sort(sorted);
        double[] byRank = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            running = Math.min(running, sorted[rank - 1] * m / rank);
            byRank[rank - 1] = running;
        }
        Decision[] decisions = new Decision[m];
        for (int i = 0; i < m; i++) {
            Hypothesis h = hypotheses.get(i);
            double adjusted = byRank[Arrays.binarySearch(sorted, ranked[i])];
            decisions[i] = new Decision(h.id(), h.p(), weight[i], adjusted, adjusted <= q);
        }
        return List.of(decisions);
    }
}

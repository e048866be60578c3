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

    /**
     * Two stages over families of tests (Benjamini and Bogomolov 2014), families weighted by their size: each
     * family's Simes p-value (its smallest BH-adjusted value within it) selects families by weighted BH at
     * {@code q} across families, a family of m_f tests weighing m_f; within each of the R selected families, BH at
     * {@code q·R·m_f/m} (m all tests). With one family selected that is plain BH's bar for a first discovery, q/m;
     * but a family with hundreds of discoveries no longer lowers the bar for the tests of the others, as it does in
     * one family of all tests. Size weights keep a small family (a tiny version with a few symptoms) from getting
     * a looser bar per test than a large one.
     *
     * <p>One decision per hypothesis, in the order given. Its weight is rescaled within its family; its adjusted
     * p-value is the within-family one times m/(R·m_f) (at most 1), so a discovery is exactly an adjusted value
     * &lt;= q in a selected family; in a family not selected it is the within-family value times m/m_f, never
     * a discovery.
     *
     * @param family the family of each hypothesis, in the same order
     */
    public static List<Decision> decideInFamilies(List<Hypothesis> hypotheses, List<String> family, double q) {
        if (family.size() != hypotheses.size()) {
            throw new IllegalArgumentException("one family per hypothesis: " + family.size() + " for "
                    + hypotheses.size());
        }
        // the families in order of first appearance, and the hypotheses grouped by family in their given order
        // (arrays, not a list of boxed indices per family: an evaluation decides tens of thousands of tests)
        int n = hypotheses.size();
        java.util.Map<String, Integer> numbers = new java.util.HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        int[] familyOf = new int[n];
        int[] sizes = new int[n + 1];
        for (int i = 0; i < n; i++) {
            Integer f = numbers.get(family.get(i));
            if (f == null) {
                f = names.size();
                numbers.put(family.get(i), f);
                names.add(family.get(i));
            }
            familyOf[i] = f;
            sizes[f + 1]++;
        }
        int[] starts = new int[names.size() + 1];
        for (int f = 0; f < names.size(); f++) {
            starts[f + 1] = starts[f] + sizes[f + 1];
        }
        int[] grouped = new int[n];
        int[] next = Arrays.copyOf(starts, names.size());
        for (int i = 0; i < n; i++) {
            grouped[next[familyOf[i]]++] = i;
        }
        double[] weight = new double[n];
        double[] adjusted = new double[n];
        List<Hypothesis> simes = new java.util.ArrayList<>(names.size());
        for (int f = 0; f < names.size(); f++) {
            adjust(hypotheses, grouped, starts[f], starts[f + 1], weight, adjusted);
            double least = 1;
            for (int k = starts[f]; k < starts[f + 1]; k++) {
                least = Math.min(least, adjusted[grouped[k]]);
            }
            simes.add(new Hypothesis(names.get(f), least, starts[f + 1] - starts[f]));
        }
        List<Decision> selection = names.isEmpty() ? List.of() : decide(simes, q);
        double m = n;
        long r = selection.stream().filter(Decision::discovery).count();
        Decision[] out = new Decision[n];
        for (int f = 0; f < names.size(); f++) {
            boolean selected = selection.get(f).discovery();
            double factor = m / (starts[f + 1] - starts[f]) / (selected ? r : 1);
            for (int k = starts[f]; k < starts[f + 1]; k++) {
                int i = grouped[k];
                Hypothesis h = hypotheses.get(i);
                double a = Math.min(1.0, adjusted[i] * factor);
                out[i] = new Decision(h.id(), h.p(), weight[i], a, selected && a <= q);
            }
        }
        return List.of(out);
    }

    /** One decision per hypothesis, in the order given. */
    public static List<Decision> decide(List<Hypothesis> hypotheses, double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("FDR level q must be in (0, 1], got " + q);
        }
        int m = hypotheses.size();
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        double[] weight = new double[m];
        double[] adjusted = new double[m];
        adjust(hypotheses, all, 0, m, weight, adjusted);
        Decision[] decisions = new Decision[m];
        for (int i = 0; i < m; i++) {
            Hypothesis h = hypotheses.get(i);
            decisions[i] = new Decision(h.id(), h.p(), weight[i], adjusted[i], adjusted[i] <= q);
        }
        return List.of(decisions);
    }

    /**
     * The procedure over the hypotheses {@code which[from..to)} (positions in {@code hypotheses}, in that order):
     * each one's rescaled weight and adjusted p-value, written at its position in {@code weightOut} and
     * {@code adjustedOut}.
     */
    private static void adjust(List<Hypothesis> hypotheses, int[] which, int from, int to, double[] weightOut,
            double[] adjustedOut) {
        int m = to - from;
        double total = 0;
        for (int k = from; k < to; k++) {
            total += hypotheses.get(which[k]).weight();
        }
        double[] ranked = new double[m];
        for (int k = 0; k < m; k++) {
            Hypothesis h = hypotheses.get(which[from + k]);
            double weight = h.weight() * m / total;
            weightOut[which[from + k]] = weight;
            ranked[k] = h.p() / weight;
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
        for (int k = 0; k < m; k++) {
            adjustedOut[which[from + k]] = byRank[Arrays.binarySearch(sorted, ranked[k])];
        }
    }
}

package io.releaseradar.detection.core;

import java.util.Arrays;
import java.util.List;

/**
 * How much healthy versions of one product differ from each other beyond Poisson noise: the between-version
 * variance {@code τ²} of log rate ratios, estimated from the product's own version × symptom grid.
 *
 * <p>Each informative cell (a symptom on a version, against the other versions over the same window, both with at
 * least {@link #MIN_CELL} customers) gives a log rate ratio {@code d} with sampling variance about
 * {@code 1/x1 + 1/x0}. Robustly, since a bad version lifts a few cells: {@code τ² = max(0, (1.4826·MAD(d))² −
 * median sampling variance)}, the median absolute deviation scaled to a normal's standard deviation. A product with
 * too few informative cells gets the prior spread instead. Pure, so that a test can check it by hand.
 */
public final class VersionSpread {

    /** Fewest customers on each side of a cell for its log ratio to be informative. */
    static final int MIN_CELL = 10;
    /** Fewest informative cells for an estimate; fewer, and the prior spread is used. */
    static final int MIN_CELLS = 12;

    /** One cell: a version's customers and exposure against the other versions'. */
    public record Cell(long x1, double e1, long x0, double e0) {
    }

    private VersionSpread() {
    }

    /**
     * {@code τ²} from the cells, or {@code prior * prior} (a log-scale standard deviation squared) when fewer than
     * {@link #MIN_CELLS} are informative; never below {@code floor * floor}.
     */
    public static double tau2(List<Cell> cells, double prior, double floor) {
        double[] d = new double[cells.size()];
        double[] v = new double[cells.size()];
        int n = 0;
        for (Cell c : cells) {
            if (c.x1() >= MIN_CELL && c.x0() >= MIN_CELL && c.e1() > 0 && c.e0() > 0) {
                d[n] = Math.log((c.x1() / c.e1()) / (c.x0() / c.e0()));
                v[n] = 1.0 / c.x1() + 1.0 / c.x0();
                n++;
            }
        }
        if (n < MIN_CELLS) {
            return Math.max(prior * prior, floor * floor);
        }
        double[] ds = Arrays.copyOf(d, n);
        double med = median(ds);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(ds[i] - med);
        }
        double sd = 1.4826 * median(dev);
        double estimate = sd * sd - median(Arrays.copyOf(v, n));
        return Math.max(estimate, floor * floor);
    }

    /**
     * The median, from the middle values selected in place rather than from all values sorted (sorting thousands of
     * cells three times was most of this estimate's time): the same values, so the same median.
     */
    static double median(double[] xs) {
        double[] s = xs.clone();
        int m = s.length / 2;
        double upper = select(s, m);
        if (s.length % 2 == 1) {
            return upper;
        }
        // select leaves the m smallest values before position m: the lower middle value is the largest of them
        double lower = s[0];
        for (int i = 1; i < m; i++) {
            lower = s[i] > lower ? s[i] : lower;
        }
        return (lower + upper) / 2;
    }

    /**
     * The k-th smallest value (from 0), by Hoare's selection: reorders {@code a} so that no value before position k
     * is larger and none after it smaller.
     */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            // a[lo..j] <= pivot <= a[i..hi], and what lies between equals the pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}

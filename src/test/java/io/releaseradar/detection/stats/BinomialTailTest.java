package io.releaseradar.detection.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinomialTailTest {

    @Test
    void tenFairCoinsAtLeastEightHeads() {
        // P(X >= 8) = [C(10,8) + C(10,9) + C(10,10)] / 2^10 = (45 + 10 + 1) / 1024 = 56 / 1024 = 0.0546875
        assertEquals(0.0546875, BinomialTail.upperTail(10, 8, 0.5, 0.5), 1e-12);
    }

    @Test
    void twentyTrialsAtOneInTen() {
        // P(X >= 5) = 1 - sum_{k=0..4} C(20,k) 0.1^k 0.9^(20-k)
        //   k=0:    1 * 0.9^20               = 0.121576654590569
        //   k=1:   20 * 0.1   * 0.9^19       = 0.270170343534598
        //   k=2:  190 * 0.01  * 0.9^18       = 0.285179807064298
        //   k=3: 1140 * 0.001 * 0.9^17       = 0.190119871376199
        //   k=4: 4845 * 1e-4  * 0.9^16       = 0.0897788281498717
        //   sum                              = 0.956825504715537
        // P(X >= 5) = 0.043174495284463 (summing k=5..20 directly: 0.031921 + 0.008867 + 0.001970 + 0.000356 + ...)
        assertEquals(0.043174495284463381, BinomialTail.upperTail(20, 5, 0.1, 0.9), 1e-12);
    }

    @Test
    void largeNIsFiniteAndNearTheNormalApproximation() {
        // n = 100000, p = 0.5: mean 50000, sd = sqrt(100000 * 0.25) = 158.114; x = 50500 is z = 500 / 158.114 = 3.1623
        // normal upper tail Q(3.1623) = 7.827e-4 (7.912e-4 with the continuity correction, z = 499.5 / 158.114)
        double tail = BinomialTail.upperTail(100_000, 50_500, 0.5, 0.5);
        assertTrue(tail > 0 && tail < 1, "tail " + tail);
        assertEquals(7.827e-4, tail, 7.827e-5);
    }

    /** Relative error against an exact sum in 40-digit decimal arithmetic, on both summation branches. */
    @ParameterizedTest
    @CsvSource({
        // n,     x,      p       where
        "1000,    400,    0.125",  // far upper tail, about 1e-97
        "1000,    100,    0.125",  // below the mean (125): one minus the lower tail
        "1000,    126,    0.125",  // just above the mode (125)
        "100000,  50500,  0.5",
        "1000000, 501000, 0.5",    // z = 2
        "1000000, 499000, 0.5",    // z = -2, lower branch
        "1000000, 518500, 0.5",    // z = 37, tail near 1e-300: must not underflow
        "1000000, 126000, 0.125",
    })
    void matchesExactDecimalSum(int n, int x, double p) {
        double exact = exactUpperTail(n, x, p);
        double tail = BinomialTail.upperTail(n, x, p, 1 - p);
        assertTrue(exact > 0, "reference underflowed");
        assertEquals(1.0, tail / exact, 1e-10, "n=" + n + " x=" + x + " p=" + p + " exact=" + exact);
    }

    @Test
    void upperAndLowerBranchesAddUpToOne() {
        // For p = 1/2, P(X >= x) = P(X <= n - x) = 1 - P(X >= n - x + 1); x and n - x + 1 fall on opposite branches.
        int n = 1001;
        for (int x = 400; x <= 600; x += 7) {
            double sum = BinomialTail.upperTail(n, x, 0.5, 0.5) + BinomialTail.upperTail(n, n - x + 1, 0.5, 0.5);
            assertEquals(1.0, sum, 1e-14, "x=" + x);
        }
    }

    @Test
    void edges() {
        assertEquals(1.0, BinomialTail.upperTail(10, 0, 0.3, 0.7));   // X >= 0 always
        assertEquals(0.0, BinomialTail.upperTail(10, 11, 0.3, 0.7));  // X <= n always
        assertEquals(1.0, BinomialTail.upperTail(0, 0, 0.3, 0.7));
        assertEquals(0.875, BinomialTail.upperTail(3, 1, 0.5, 0.5), 1e-15);  // 1 - P(X = 0) = 1 - 1/8
        assertEquals(0.84, BinomialTail.upperTail(2, 1, 0.6, 0.4), 1e-15);   // 1 - 0.4^2
        assertEquals(0.0, BinomialTail.upperTail(10, 1, 0.0, 1.0));   // never a success
        assertEquals(1.0, BinomialTail.upperTail(10, 10, 1.0, 0.0));  // always a success
        assertEquals(1.0, BinomialTail.upperTail(10, 10, 0.3, 0.7) / Math.pow(0.3, 10), 1e-13); // x = n: p^n
        assertThrows(IllegalArgumentException.class, () -> BinomialTail.upperTail(10, 5, 0.3, 0.3));
    }

    @Test
    void stirlingRemainderJoinsTableAndSeries() {
        // stirlerr(n) = stirlerr(n + 1) + (n + 1/2) ln(1 + 1/n) - 1, from ln((n+1)!) = ln(n!) + ln(n + 1);
        // checks the table entry 15 against the series at 16, and the series against itself further on.
        for (int n : new int[] {15, 16, 40, 100, 1000}) {
            double viaNext = BinomialTail.stirlerr(n + 1) + (n + 0.5) * Math.log1p(1.0 / n) - 1;
            assertEquals(BinomialTail.stirlerr(n), viaNext, 1e-14, "n=" + n);
        }
    }

    /** Sum of C(n,k) p^k q^(n-k) over k >= x, with pmf(0) = q^n and pmf(k+1) = pmf(k) (n-k)/(k+1) p/q. */
    private static double exactUpperTail(int n, int x, double p) {
        MathContext mc = new MathContext(40);
        BigDecimal bp = new BigDecimal(p);
        BigDecimal bq = BigDecimal.ONE.subtract(bp);
        BigDecimal odds = bp.divide(bq, mc);
        BigDecimal term = bq.pow(n, mc);
        BigDecimal tail = BigDecimal.ZERO;
        for (int k = 0; k <= n; k++) {
            if (k >= x) {
                tail = tail.add(term, mc);
                if (k > n * p && term.compareTo(tail.movePointLeft(25)) < 0) {
                    break;
                }
            }
            term = term.multiply(BigDecimal.valueOf(n - k), mc).multiply(odds, mc)
                    .divide(BigDecimal.valueOf(k + 1), mc);
        }
        return tail.doubleValue();
    }
}

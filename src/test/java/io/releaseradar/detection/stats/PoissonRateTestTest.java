package io.releaseradar.detection.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseradar.detection.stats.PoissonRateTest.RateComparison;
import org.junit.jupiter.api.Test;

class PoissonRateTestTest {

    @Test
    void eightAgainstTwoOnEqualExposure() {
        // e1 = e0, so p = 1/2 and n = 10: p-value = P(Bin(10, 1/2) >= 8) = (45 + 10 + 1) / 1024 = 0.0546875;
        // expected = n p = 5; rate ratio = (8/1000) / (2/1000) = 4
        RateComparison r = PoissonRateTest.compare(8, 1000.0, 2, 1000.0);
        assertEquals(8, r.observed());
        assertEquals(5.0, r.expected(), 1e-12);
        assertEquals(4.0, r.rateRatio(), 1e-12);
        assertEquals(0.0546875, r.pValue(), 1e-12);
        assertTrue(r.testable());
    }

    @Test
    void unequalExposureUsesTheExposureShare() {
        // e1 = 1, e0 = 3: p = 1/4; x1 = 3, x0 = 1, n = 4
        // P(X >= 3) = C(4,3) (1/4)^3 (3/4) + (1/4)^4 = 12/256 + 1/256 = 13/256 = 0.05078125
        // expected = 4/4 = 1; rate ratio = (3/1) / (1/3) = 9
        RateComparison r = PoissonRateTest.compare(3, 1.0, 1, 3.0);
        assertEquals(0.05078125, r.pValue(), 1e-12);
        assertEquals(1.0, r.expected(), 1e-12);
        assertEquals(9.0, r.rateRatio(), 1e-12);
    }

    @Test
    void tenTimesTheExposureAndTenTimesTheCountIsNotASignal() {
        // 100 contacts over 10000 install-hours against 10 over 1000: the same rate.
        // n = 110, p = 10/11, expected = 100 = observed, so P(X >= 100) is a bit over one half.
        RateComparison r = PoissonRateTest.compare(100, 10_000.0, 10, 1_000.0);
        assertEquals(100.0, r.expected(), 1e-9);
        assertEquals(1.0, r.rateRatio(), 1e-12);
        assertTrue(r.pValue() > 0.3, "p=" + r.pValue());
    }

    @Test
    void noBaselineContactsKeepsTheRatioFinite() {
        // x0 = 0: 0.5 is added to both counts, ratio = (5.5/100) / (0.5/100) = 11.
        // p-value: n = 5, p = 1/2, P(X >= 5) = 1/32 = 0.03125; expected 2.5
        RateComparison r = PoissonRateTest.compare(5, 100.0, 0, 100.0);
        assertEquals(11.0, r.rateRatio(), 1e-12);
        assertEquals(0.03125, r.pValue(), 1e-12);
        assertEquals(2.5, r.expected(), 1e-12);
    }

    @Test
    void noContactsAtAllIsTestableButNothing() {
        // n = 0: nothing to see; (0.5/100) / (0.5/100) = 1
        RateComparison r = PoissonRateTest.compare(0, 100.0, 0, 100.0);
        assertEquals(1.0, r.pValue());
        assertEquals(0.0, r.expected());
        assertEquals(1.0, r.rateRatio(), 1e-12);
    }

    @Test
    void zeroExposureIsNotTestable() {
        RateComparison noVersionExposure = PoissonRateTest.compare(3, 0.0, 4, 100.0);
        assertEquals(1.0, noVersionExposure.pValue());
        assertEquals(0.0, noVersionExposure.expected());
        assertEquals(3, noVersionExposure.observed());
        assertFalse(noVersionExposure.testable());
        RateComparison noBaselineExposure = PoissonRateTest.compare(3, 100.0, 0, 0.0);
        assertEquals(1.0, noBaselineExposure.pValue());
        assertFalse(noBaselineExposure.testable());
    }

    @Test
    void aClearSurgeOnLargeCountsIsTinyButNotZero() {
        // 700 against 500 on equal exposure: n = 1200, z = (700 - 600) / sqrt(300) = 5.77, tail around 4e-9
        RateComparison r = PoissonRateTest.compare(700, 5e6, 500, 5e6);
        assertTrue(r.pValue() > 1e-10 && r.pValue() < 1e-8, "p=" + r.pValue());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PoissonRateTest.compare(-1, 1.0, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> PoissonRateTest.compare(1, -1.0, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> PoissonRateTest.compare(1, 1.0, 0, Double.NaN));
    }
}

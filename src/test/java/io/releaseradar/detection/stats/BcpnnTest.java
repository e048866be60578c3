package io.releaseradar.detection.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseradar.detection.stats.Bcpnn.InformationComponent;
import org.junit.jupiter.api.Test;

class BcpnnTest {

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    @Test
    void threeContactsWhereAFifthWasExpected() {
        // n11 = 3, n1. = 10, n.1 = 20, n.. = 1000
        // E11 = 10 * 20 / 1000 = 0.2
        // IC  = log2((3 + 0.5) / (0.2 + 0.5)) = log2(3.5 / 0.7) = log2(5) = 2.321928
        // IC025 = 2.321928 - 3.3 / sqrt(3.5) - 2 / 3.5^1.5
        //       = 2.321928 - 3.3 / 1.870829 - 2 / 6.547900
        //       = 2.321928 - 1.763924       - 0.305441     = 0.252562
        InformationComponent ic = Bcpnn.of(3, 10, 20, 1000);
        assertEquals(0.2, ic.expected(), 1e-12);
        assertEquals(2.3219280948873623, ic.ic(), 1e-12);
        assertEquals(0.2525624789368765, ic.ic025(), 1e-12);
    }

    @Test
    void noContactsWithTheSymptomIsNegative() {
        // n11 = 0, same margins: IC = log2(0.5 / 0.7) = -0.485427
        // IC025 = -0.485427 - 3.3 / sqrt(0.5) - 2 / 0.5^1.5 = -0.485427 - 4.666905 - 5.656854 = -10.809186
        InformationComponent ic = Bcpnn.of(0, 10, 20, 1000);
        assertEquals(-0.48542682717024176, ic.ic(), 1e-12);
        assertEquals(-10.809185832493835, ic.ic025(), 1e-9);
    }

    @Test
    void shrinksSmallCountsTowardsZero() {
        // one contact where 0.01 were expected (E11 = 10 * 1 / 1000): the raw log2(1 / 0.01) = 6.64,
        // shrunk IC = log2(1.5 / 0.51) = 1.556, and IC025 is negative: one contact is no signal
        InformationComponent ic = Bcpnn.of(1, 10, 1, 1000);
        assertEquals(log2(1.5 / 0.51), ic.ic(), 1e-12);
        assertTrue(ic.ic025() < 0, "ic025=" + ic.ic025());
    }

    @Test
    void largeCountsApproachTheRawRatio() {
        // n11 = 1000, E11 = 10000 * 10000 / 1e6 = 100: IC = log2(1000.5 / 100.5) = 3.3155, raw log2(10) = 3.3219
        // IC025 = 3.3155 - 3.3 / 31.63 - 2 / 31646 = 3.2111
        InformationComponent ic = Bcpnn.of(1000, 10_000, 10_000, 1_000_000);
        assertEquals(log2(10), ic.ic(), 0.01);
        assertEquals(log2(1000.5 / 100.5) - 3.3 / Math.sqrt(1000.5) - 2 / Math.pow(1000.5, 1.5), ic.ic025(), 1e-12);
        assertTrue(ic.ic025() > 3.2);
    }

    @Test
    void emptyProductAndInconsistentCounts() {
        assertEquals(0.0, Bcpnn.of(0, 0, 0, 0).expected());
        assertEquals(0.0, Bcpnn.of(0, 0, 0, 0).ic(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Bcpnn.of(11, 10, 20, 1000)); // n11 > n1.
        assertThrows(IllegalArgumentException.class, () -> Bcpnn.of(3, 10, 2, 1000));   // n11 > n.1
        assertThrows(IllegalArgumentException.class, () -> Bcpnn.of(3, 10, 20, 15));    // n.1 > n..
    }
}

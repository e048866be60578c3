package io.releaseradar.detection.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseradar.detection.stats.BenjaminiHochberg.Decision;
import io.releaseradar.detection.stats.BenjaminiHochberg.Hypothesis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    // m = 8, q = 0.05, so rank k is compared with k q / m = k * 0.00625:
    //   k  p      k q/m     p <= k q/m   p m / k
    //   1  0.001  0.00625   yes          0.008
    //   2  0.008  0.0125    yes          0.032
    //   3  0.039  0.01875   no           0.104
    //   4  0.041  0.025     no           0.082
    //   5  0.042  0.03125   no           0.0672
    //   6  0.060  0.0375    no           0.08
    //   7  0.074  0.04375   no           0.084571
    //   8  0.205  0.05      no           0.205
    // Largest k passing is 2: the first two are discoveries.
    // Adjusted = running minimum of p m / k from the bottom:
    //   0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.084571, 0.205
    private static final double[] P = {0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205};
    private static final double[] ADJUSTED = {0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.074 * 8 / 7, 0.205};

    @Test
    void textbookExample() {
        List<Hypothesis> in = new ArrayList<>();
        for (int i = 0; i < P.length; i++) {
            in.add(new Hypothesis("h" + i, P[i]));
        }
        List<Decision> out = BenjaminiHochberg.decide(in, 0.05);
        assertEquals(P.length, out.size());
        for (int i = 0; i < P.length; i++) {
            Decision d = out.get(i);
            assertEquals("h" + i, d.id());
            assertEquals(P[i], d.p());
            assertEquals(ADJUSTED[i], d.adjustedP(), 1e-12, "adjusted " + i);
            assertEquals(i < 2, d.discovery(), "discovery " + i);
            if (i > 0) {
                assertTrue(d.adjustedP() >= out.get(i - 1).adjustedP(), "monotone at " + i);
            }
        }
    }

    @Test
    void keepsInputOrder() {
        // the same p-values, shuffled: each id keeps its own verdict
        int[] order = {7, 2, 0, 5, 1, 3, 6, 4};
        List<Hypothesis> in = new ArrayList<>();
        for (int i : order) {
            in.add(new Hypothesis("h" + i, P[i]));
        }
        List<Decision> out = BenjaminiHochberg.decide(in, 0.05);
        for (int j = 0; j < order.length; j++) {
            int i = order[j];
            assertEquals("h" + i, out.get(j).id());
            assertEquals(ADJUSTED[i], out.get(j).adjustedP(), 1e-12);
            assertEquals(i < 2, out.get(j).discovery());
        }
    }

    @Test
    void stepUpRescuesAnEarlierRank() {
        // m = 2, q = 0.05: rank 1, 0.04 > 0.025 fails alone, but rank 2, 0.045 <= 0.05 passes, so both are
        // discoveries. Adjusted: rank 2 -> 0.045 * 2 / 2 = 0.045; rank 1 -> min(0.04 * 2 / 1 = 0.08, 0.045) = 0.045
        List<Decision> out = BenjaminiHochberg.decide(
                List.of(new Hypothesis("a", 0.04), new Hypothesis("b", 0.045)), 0.05);
        assertEquals(0.045, out.get(0).adjustedP(), 1e-12);
        assertEquals(0.045, out.get(1).adjustedP(), 1e-12);
        assertTrue(out.get(0).discovery() && out.get(1).discovery());
    }

    @Test
    void rawRatiosAboveOneTakeTheMinimumFromBelow() {
        // m = 3, q = 0.05. p m / k: rank 1: 0.5 * 3 / 1 = 1.5; rank 2: 0.9 * 3 / 2 = 1.35; rank 3: 0.95 * 3 / 3 = 0.95
        // running minimum from rank 3 up: 0.95, min(1.35, 0.95) = 0.95, min(1.5, 0.95) = 0.95; nothing discovered
        List<Decision> out = BenjaminiHochberg.decide(List.of(new Hypothesis("a", 0.5),
                new Hypothesis("b", 0.9), new Hypothesis("c", 0.95)), 0.05);
        for (Decision d : out) {
            assertEquals(0.95, d.adjustedP(), 1e-12, d.id());
            assertTrue(!d.discovery(), d.id());
        }
    }

    @Test
    void weightsBuyATestItsShareOfTheLevel() {
        // m = 2, q = 0.05. Plain: rank 1 is 0.03 * 2 / 1 = 0.06 > 0.05, nothing discovered.
        List<Decision> plain = BenjaminiHochberg.decide(List.of(new Hypothesis("a", 0.03),
                new Hypothesis("b", 0.9)), 0.05);
        assertEquals(0.06, plain.get(0).adjustedP(), 1e-12);
        assertTrue(!plain.get(0).discovery());
        // weights 3 : 1 rescale to mean 1: 1.5 and 0.5. Ranked by p / w: a 0.02, b 1.8.
        // rank 2: 1.8 * 2 / 2 = 1.8, capped at 1; rank 1: min(0.02 * 2 / 1 = 0.04, 1) = 0.04 <= 0.05: a is found
        for (double scale : new double[] {1, 10}) {
            List<Decision> out = BenjaminiHochberg.decide(List.of(new Hypothesis("a", 0.03, 3 * scale),
                    new Hypothesis("b", 0.9, scale)), 0.05);
            assertEquals(1.5, out.get(0).weight(), 1e-12);
            assertEquals(0.5, out.get(1).weight(), 1e-12);
            assertEquals(0.02, out.get(0).weightedP(), 1e-12);
            assertEquals(0.04, out.get(0).adjustedP(), 1e-12);
            assertEquals(1.0, out.get(1).adjustedP(), 1e-12);
            assertTrue(out.get(0).discovery() && !out.get(1).discovery());
        }
    }

    @Test
    void tiedPValuesShareOneVerdictWhereverTheyStand() {
        // m = 5, q = 0.05, sorted 0.01, 0.01, 0.04, 0.04, 0.5. From rank 5 up: 0.5; min(0.5, 0.04 * 5 / 4) = 0.05;
        // min(0.05, 0.04 * 5 / 3) = 0.05; min(0.05, 0.01 * 5 / 2) = 0.025; min(0.025, 0.01 * 5 / 1) = 0.025
        double[] p = {0.04, 0.01, 0.5, 0.01, 0.04};
        double[] adjusted = {0.05, 0.025, 0.5, 0.025, 0.05};
        List<Hypothesis> in = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            in.add(new Hypothesis("h" + i, p[i]));
        }
        List<Decision> out = BenjaminiHochberg.decide(in, 0.05);
        for (int i = 0; i < p.length; i++) {
            assertEquals(adjusted[i], out.get(i).adjustedP(), 1e-12, "adjusted " + i);
            assertEquals(i != 2, out.get(i).discovery(), "discovery " + i);
        }
    }

    @Test
    void emptyAndInvalid() {
        assertTrue(BenjaminiHochberg.decide(List.of(), 0.05).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis("x", 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis("x", 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Hypothesis("x", 0.5, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.decide(List.of(), 0.0));
    }

    // Families, q = 0.05, m = 10: A (6 tests) p = 0.0001 … 0.0005, 0.6; B (4 tests) p = 0.012, 0.7, 0.8, 0.9.
    // Plain BH over all 10: rank 6 is 0.012 <= 6 q / m = 0.03, so B's 0.012 is a discovery, carried by A's five.
    // In families: within A the adjusted values are 0.0006 (×5) and 0.6, Simes p 0.0006; within B 0.048, 0.9 (×3),
    // Simes p 0.048. Across families, weights by size 6 and 4 rescaled to 1.2 and 0.8: 0.0006 / 1.2 = 0.0005 and
    // 0.048 / 0.8 = 0.06; 0.0005 <= 1 q / 2 = 0.025 (A selected), 0.06 > 2 q / 2 (B not): R = 1. Within A, the
    // adjusted values times m / (R m_A) = 10/6: 0.001 (×5) and 1.0 (capped); within B, times m / m_B = 2.5: 0.12.
    private static final double[] FAMILY_P = {0.0001, 0.0002, 0.0003, 0.0004, 0.0005, 0.6, 0.012, 0.7, 0.8, 0.9};
    private static final List<String> FAMILIES = List.of("A", "A", "A", "A", "A", "A", "B", "B", "B", "B");

    private static List<Hypothesis> hypotheses(double[] p) {
        List<Hypothesis> in = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            in.add(new Hypothesis("h" + i, p[i]));
        }
        return in;
    }

    @Test
    void oneFamilysManyDiscoveriesDoNotLowerTheBarForAnother() {
        List<Decision> plain = BenjaminiHochberg.decide(hypotheses(FAMILY_P), 0.05);
        assertTrue(plain.get(6).discovery(), "plain BH lets B's 0.012 through");

        List<Decision> out = BenjaminiHochberg.decideInFamilies(hypotheses(FAMILY_P), FAMILIES, 0.05);
        double[] adjusted = {0.001, 0.001, 0.001, 0.001, 0.001, 1.0, 0.12, 1.0, 1.0, 1.0};
        for (int i = 0; i < FAMILY_P.length; i++) {
            assertEquals("h" + i, out.get(i).id());
            assertEquals(adjusted[i], out.get(i).adjustedP(), 1e-12, "adjusted " + i);
            assertEquals(i < 5, out.get(i).discovery(), "discovery " + i);
        }
    }

    @Test
    void oneFamilyIsPlainBenjaminiHochberg() {
        List<String> one = java.util.Collections.nCopies(P.length, "only");
        List<Decision> out = BenjaminiHochberg.decideInFamilies(hypotheses(P), one, 0.05);
        for (int i = 0; i < P.length; i++) {
            assertEquals(ADJUSTED[i], out.get(i).adjustedP(), 1e-12, "adjusted " + i);
            assertEquals(i < 2, out.get(i).discovery(), "discovery " + i);
        }
    }

    @Test
    void aSmallFamilyGetsNoLooserBarPerTestThanALargeOne() {
        // C: one test, p = 0.004; D: 99 tests at 0.5. Plain BH: 0.004 > q / 100. Unweighted families would select
        // C (Simes 0.004 <= q / 2) and pass it at q R / M = 0.025; weighted by size (0.02 and 1.98), C's 0.004 / 0.02
        // = 0.2 and D's 0.5 / 1.98 = 0.25 are both above their bars: nothing.
        double[] p = new double[100];
        java.util.Arrays.fill(p, 0.5);
        p[0] = 0.004;
        List<String> families = new ArrayList<>(java.util.Collections.nCopies(100, "D"));
        families.set(0, "C");
        assertTrue(BenjaminiHochberg.decide(hypotheses(p), 0.05).stream().noneMatch(Decision::discovery));
        List<Decision> out = BenjaminiHochberg.decideInFamilies(hypotheses(p), families, 0.05);
        assertTrue(out.stream().noneMatch(Decision::discovery));
        assertEquals(0.4, out.get(0).adjustedP(), 1e-12, "0.004 times m / m_C = 100");
    }
}

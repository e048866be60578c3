package io.releaseradar.detection.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseradar.detection.stats.Cusum.Path;
import io.releaseradar.detection.stats.Cusum.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class CusumTest {

    // k = 2: each step adds x ln 2 - (2 - 1) mu = 0.693147 x - mu
    //   t=0: x=0, mu=1:  0 + 0        - 1 = -1        -> max(0, -1)       = 0         (reset)
    //   t=1: x=3, mu=1:  0 + 2.079442 - 1 =  1.079442 -> 1.079442
    //   t=2: x=0, mu=2:  1.079442     - 2 = -0.920558 -> max(0, -0.92)    = 0         (reset)
    //   t=3: x=5, mu=1:  0 + 3.465736 - 1 =  2.465736 -> 2.465736 >= h = 2 -> first crossing at index 3
    // Without the floor the sum would be -1, 0.079, -1.921, 0.545 and never reach 2.
    private static final List<Step> STEPS = List.of(new Step(0, 1.0), new Step(3, 1.0), new Step(0, 2.0),
            new Step(5, 1.0));

    @Test
    void handComputedPathWithResets() {
        Path path = Cusum.run(STEPS, 2.0, 2.0);
        assertEquals(4, path.statistic().size());
        assertEquals(0.0, path.statistic().get(0), 1e-12);
        assertEquals(1.0794415416798357, path.statistic().get(1), 1e-12);
        assertEquals(0.0, path.statistic().get(2), 1e-12);
        assertEquals(2.4657359027997265, path.statistic().get(3), 1e-12);
        assertEquals(3, path.firstCrossing());
        assertTrue(path.alarmed());
    }

    @Test
    void aHigherThresholdIsNotReached() {
        // same path, max 2.4657 < 2.5
        Path path = Cusum.run(STEPS, 2.0, 2.5);
        assertEquals(-1, path.firstCrossing());
        assertFalse(path.alarmed());
    }

    @Test
    void reportsTheFirstCrossingNotTheLast() {
        // k = 2, mu = 0: each step adds 2 ln 2 = 1.386294 for x = 2
        //   S = 1.386, 2.773 (>= 2, index 1), 4.159, 5.545
        Path path = Cusum.run(List.of(new Step(2, 0), new Step(2, 0), new Step(2, 0), new Step(2, 0)), 2.0, 2.0);
        assertEquals(1, path.firstCrossing());
        assertEquals(4 * Math.log(4), path.statistic().get(3), 1e-12);
    }

    @Test
    void otherRateFactor() {
        // k = 3: step adds x ln 3 - 2 mu; x = 4, mu = 1: 4 * 1.098612 - 2 = 2.394449
        Path path = Cusum.run(List.of(new Step(4, 1.0)), 3.0, 1.0);
        assertEquals(2.394449154672439, path.statistic().get(0), 1e-12);
        assertEquals(0, path.firstCrossing());
    }

    @Test
    void emptyAndInvalid() {
        assertEquals(-1, Cusum.run(List.of(), 2.0, 1.0).firstCrossing());
        assertThrows(IllegalArgumentException.class, () -> Cusum.run(STEPS, 1.0, 2.0));
        assertThrows(IllegalArgumentException.class, () -> Cusum.run(STEPS, 2.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new Step(-1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Step(1, Double.NaN));
    }
}

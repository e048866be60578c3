package io.releaseradar.detection.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSpreadTest {

    @Test
    void identicalVersionsHaveNoSpreadBeyondTheFloor() {
        List<VersionSpread.Cell> cells = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cells.add(new VersionSpread.Cell(100, 1000, 200, 2000));
        }
        assertThat(VersionSpread.tau2(cells, 0.25, 0.1)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void versionsThatDifferByAKnownFactorGiveThatSpread() {
        // log ratios of +-0.3 in equal numbers: MAD = 0.3, so sd = 1.4826 * 0.3 = 0.44478; sampling variance of each
        // cell 1/10000 + 1/10000 = 0.0002: tau2 = 0.44478^2 - 0.0002
        List<VersionSpread.Cell> cells = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cells.add(new VersionSpread.Cell(10_000, 10_000 / Math.exp(0.3), 10_000, 10_000));
            cells.add(new VersionSpread.Cell(10_000, 10_000 / Math.exp(-0.3), 10_000, 10_000));
        }
        assertThat(VersionSpread.tau2(cells, 0.25, 0)).isCloseTo(Math.pow(1.4826 * 0.3, 2) - 0.0002, within(1e-9));
    }

    @Test
    void aBadVersionsFewCellsDoNotInflateTheSpread() {
        List<VersionSpread.Cell> cells = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            cells.add(new VersionSpread.Cell(1000, 1000, 1000, 1000));
        }
        for (int i = 0; i < 5; i++) {
            cells.add(new VersionSpread.Cell(10_000, 1000, 1000, 1000));
        }
        assertThat(VersionSpread.tau2(cells, 0.25, 0)).isZero();
    }

    @Test
    void tooFewInformativeCellsGiveThePrior() {
        List<VersionSpread.Cell> cells = List.of(new VersionSpread.Cell(5, 100, 500, 1000),
                new VersionSpread.Cell(100, 100, 9, 1000));
        assertThat(VersionSpread.tau2(cells, 0.25, 0.1)).isEqualTo(0.0625);
    }
    @Test
    void theMedianIsTheSortedMiddleForEverySizeAndWithTies() {
        // by selection, not sorting: odd and even sizes, many equal values, and the input left as it was
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int n = 1; n <= 60; n++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] xs = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = trial % 2 == 0 ? random.nextInt(4) : random.nextGaussian();
                }
                double[] copy = xs.clone();
                double[] sorted = xs.clone();
                java.util.Arrays.sort(sorted);
                double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                assertThat(VersionSpread.median(xs)).isEqualTo(expected);
                assertThat(xs).containsExactly(copy);
            }
        }
    }
}

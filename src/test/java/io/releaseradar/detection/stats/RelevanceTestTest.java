package io.releaseradar.detection.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RelevanceTestTest {

    @Test
    void theTestIsAgainstTheMarginNotAgainstEquality() {
        // 8 against 2 on equal exposure, H0: RR <= 1.5: the version's share is at most 1.5 / 2.5 = 0.6, so
        // p = P(Bin(10, 0.6) >= 8) = 45·0.6^8·0.4^2 + 10·0.6^9·0.4 + 0.6^10 = 0.16729; against equality it would be
        // 0.0547 (PoissonRateTestTest)
        RelevanceTest.Outcome r = RelevanceTest.test(8, 1000.0, 2, 1000.0, 1.5, 1.5, 1e-9);
        assertThat(r.pValue()).isCloseTo(0.1672898, within(1e-6));
    }

    @Test
    void aLargeSampleOfASmallDifferenceIsNotRelevant() {
        // 13,000 against 10,000 customers on equal exposure: 1.3x, p ~ 1e-80 against equality, none beyond 1.5x
        assertThat(PoissonRateTest.compare(13_000, 1e6, 10_000, 1e6).pValue()).isLessThan(1e-50);
        RelevanceTest.Outcome r = RelevanceTest.test(13_000, 1e6, 10_000, 1e6, 1.5, 1.5, 3);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.rateRatio()).isCloseTo(1.3, within(0.001));
    }

    @Test
    void theSpreadBetweenHealthyVersionsWidensTheMargin() {
        // tau = 0.25 and two standard deviations: H0 is RR <= 1.5·e^0.5 = 2.47. 2.2x on 22,000 against 10,000
        // customers is overwhelming beyond 1.5x but inside what healthy versions of such a product differ by
        double widened = RelevanceTest.widenedMargin(1.5, 2, 0.25);
        assertThat(widened).isCloseTo(1.5 * Math.exp(0.5), within(1e-12));
        assertThat(RelevanceTest.test(22_000, 1e6, 10_000, 1e6, 1.5, 1.5, 3).pValue()).isLessThan(1e-100);
        assertThat(RelevanceTest.test(22_000, 1e6, 10_000, 1e6, widened, 1.5, 3).pValue()).isGreaterThan(0.5);
        // a new symptom nobody else reports stays exact and strong: 30 customers, none elsewhere, 1/10 the exposure
        assertThat(RelevanceTest.test(30, 1.0, 0, 10.0, widened, 1.5, 3).pValue())
                .isCloseTo(Math.pow(widened / (widened + 10), 30), within(1e-25));
    }

    @Test
    void threeCustomersWhereAlmostNoneWereExpectedNeverReadAsHundredsOfTimes() {
        // 3 customers on a version with 1% of the others' exposure, none on the others: unshrunk (Haldane) that is
        // (3 / 1) / (0.5 / 100) = 600x; three pseudo-customers make it (3 + 3) / (0.005 + 3) = 2.0x
        RelevanceTest.Outcome r = RelevanceTest.test(3, 1.0, 0, 100.0, 1.5, 1.5, 3);
        assertThat(r.rateRatio()).isCloseTo(6 / 3.005, within(1e-9));
        assertThat(r.expected()).isCloseTo(3 / r.rateRatio(), within(1e-12));
    }

    @Test
    void observedOverExpectedIsTheRateRatio() {
        RelevanceTest.Outcome r = RelevanceTest.test(120, 500.0, 400, 10_000.0, 1.5, 1.5, 3);
        assertThat(r.observed() / r.expected()).isCloseTo(r.rateRatio(), within(1e-12));
        // (120 + 3) / (500 * 400.5 / 10000 + 3) = 123 / 23.025
        assertThat(r.rateRatio()).isCloseTo(123 / 23.025, within(1e-9));
        assertThat(r.pValue()).isLessThan(1e-6);
    }
}

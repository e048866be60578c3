package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductSurgeDetectorTest {

    private static final int END = 30 * 24;

    /** Two versions on 2,000 installs each, one customer an hour each, then {@code lastDay} an hour in the last 24 h. */
    private static EvaluationInput product(long lastDay) {
        GridSource source = new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 120, "1.0")
                .installs("1.0", 0, END, 2000).installs("1.1", 120, END, 2000)
                .customers("1.0", "", 0, END - 24, 1).customers("1.1", "", 120, END - 24, 1)
                .customers("1.0", "", END - 24, END, lastDay).customers("1.1", "", END - 24, END, lastDay);
        return EvaluationInput.load("notes", hour(END), source, DetectionSettings.defaults());
    }

    @Test
    void fiveTimesLastWeeksRateOnEveryVersionIsAProductWideFinding() {
        Finding f = ProductSurgeDetector.finding(product(5), List.of());

        assertThat(f).isNotNull();
        assertThat(f.version()).isNull();
        assertThat(f.customers()).isEqualTo(240);
        Signal s = f.signals().get(0);
        assertThat(s.baseline()).isEqualTo(Signal.Baseline.PRODUCT_HISTORY);
        // 240 customers on 96,000 install-hours against 336 on 336,000: 2.5 per 1,000 against 1, so 48 expected
        // and 5x, shrunk by three customers at last week's rate: (240 + 3) / (48 + 3)
        assertThat(s.rateRatio()).isEqualTo(4.76);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(s.rateRatio()).isEqualTo(Math.round(s.observed() / s.expected() * 100) / 100.0);
    }

    @Test
    void versionsWithAFindingOfTheirOwnAreLeftOut() {
        assertThat(ProductSurgeDetector.finding(product(5), List.of("1.0", "1.1"))).isNull();
        assertThat(ProductSurgeDetector.finding(product(1), List.of())).as("a quiet day").isNull();
    }
}

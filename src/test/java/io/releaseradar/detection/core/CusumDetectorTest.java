package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CusumDetectorTest {

    private static final int END = 30 * 24;

    /** 1.0 and 1.1 (released a week before the end) on 2,000 installs each; 1.0 draws two customers an hour. */
    private static GridSource product(long newPerHour) {
        return new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", END - 7 * 24, "1.0")
                .installs("1.0", 0, END, 2000).installs("1.1", END - 7 * 24, END, 2000)
                .customers("1.0", "", 0, END, 2).customers("1.1", "", END - 7 * 24, END, newPerHour);
    }

    private static Signal cusum(GridSource source, String version) {
        return CusumDetector.signal(EvaluationInput.load("notes", hour(END), source, DetectionSettings.defaults()),
                version);
    }

    @Test
    void threeTimesTheOtherVersionsRateSinceReleaseIsASignal() {
        Signal s = cusum(product(6), "1.1");

        assertThat(s).isNotNull();
        assertThat(s.baseline()).isEqualTo(Signal.Baseline.CUSUM_SINCE_RELEASE);
        assertThat(s.symptom()).isNull();
        // seven daily steps of 144 customers where the other version's rate expects 48
        assertThat(s.window()).isEqualTo(Duration.ofDays(7));
        assertThat(s.observed()).isEqualTo(1008);
        // shrunk by three customers on each side: (1008 + 3) / (336 + 3)
        assertThat(s.rateRatio()).isEqualTo(2.98);
        assertThat(s.expected()).isEqualTo(Math.round(1008 / (1011.0 / 339) * 100) / 100.0);
    }

    @Test
    void anExcessBelowTheAllContactsMarginStaysInControl() {
        // 1.5x, under the margin of 2 that new versions' busy early adopters stay below
        assertThat(cusum(product(3), "1.1")).isNull();
        assertThat(cusum(product(6), "1.0")).as("the other version runs below its baseline").isNull();
    }
}

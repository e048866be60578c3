package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredecessorDetectorTest {

    private static final int END = 300;

    /**
     * 1.0 from hour 0, replaced at hour 240 by 1.1 on the same 2,000 installs: at hour 300, 1.1 is 60 h old, and
     * 1.0's day at the same age is hours [36, 60).
     */
    private static GridSource replaced(long predecessorPerHour) {
        return new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 240, "1.0")
                .installs("1.0", 0, 240, 2000).installs("1.1", 240, END, 2000)
                .customers("1.0", "", 0, 240, predecessorPerHour).customers("1.1", "", 240, END, 1);
    }

    private static List<Candidate> tests(GridSource source) {
        return PredecessorDetector.tests(EvaluationInput.load("notes", hour(END), source,
                DetectionSettings.defaults()));
    }

    @Test
    void aVersionIsComparedWithItsPredecessorsDayAtTheSameAge() {
        GridSource source = replaced(1).customers("1.1", "lost note", END - 24, END, 3);

        List<Candidate> out = tests(source);

        assertThat(source.askedTogether).containsExactly(
                new DetectionSource.VersionRange("1.0", hour(36), hour(60)));
        Candidate lost = out.stream().filter(c -> c.symptom().equals("lost note")).findFirst().orElseThrow();
        assertThat(lost.baseline()).isEqualTo(Signal.Baseline.PREDECESSOR_SAME_AGE);
        assertThat(lost.window()).isEqualTo(Duration.ofHours(24));
        assertThat(lost.version()).isEqualTo("1.1");
        assertThat(lost.observed()).isEqualTo(72);
        assertThat(lost.p()).isLessThan(1e-6);
        assertThat(lost.rateRatio()).isGreaterThan(10).isCloseTo(lost.observed() / lost.expected(), within(1e-9));
        // all contacts: 96 customers now against 24 then on the same installs
        Candidate all = out.stream().filter(c -> c.symptom().isEmpty()).findFirst().orElseThrow();
        assertThat(all.observed()).isEqualTo(96);
        // 4x on equal install-hours (48,000 each), shrunk towards 1 by three pseudo-customers
        assertThat(all.rateRatio()).isEqualTo(RelevanceTest.shrunkRatio(96, 48_000, 24, 48_000, 3)).isEqualTo(3.6);
    }

    @Test
    void aThinPredecessorDayIsNoBaseline() {
        // 1.0's day at the same age has 12 customers, fewer than minBaselineCustomers (20)
        GridSource source = new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 240, "1.0")
                .installs("1.0", 0, 240, 2000).installs("1.1", 240, END, 2000)
                .customers("1.0", "", 48, 60, 1).customers("1.1", "", 240, END, 1)
                .customers("1.1", "lost note", END - 24, END, 3);

        assertThat(tests(source)).isEmpty();
    }

    @Test
    void aVersionYoungerThanADayHasNoPredecessorDay() {
        assertThat(PredecessorDetector.predecessorDay(java.util.Map.of(
                "1.0", new ReleaseInfo("1.0", hour(0), null),
                "1.1", new ReleaseInfo("1.1", hour(290), "1.0")), "1.1", hour(END))).isNull();
    }
}

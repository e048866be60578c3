package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrentRateDetectorTest {

    private static final int END = 30 * 24;
    private static final Instant AS_OF = hour(END);

    /** Three versions of 2,000 installs each, one customer per hour each. */
    private static GridSource threeVersions() {
        return new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 120, "1.0").release("1.2", 240, "1.1")
                .installs("1.0", 0, END, 2000).installs("1.1", 120, END, 2000).installs("1.2", 240, END, 2000)
                .customers("1.0", "", 0, END, 1).customers("1.1", "", 120, END, 1).customers("1.2", "", 240, END, 1);
    }

    private static List<Candidate> tests(GridSource source, String version) {
        EvaluationInput in = EvaluationInput.load("notes", AS_OF, source, DetectionSettings.defaults());
        return ConcurrentRateDetector.tests(in, version);
    }

    @Test
    void aSymptomOnlyOneVersionHasIsTestedInEveryWindowItReachesShortestFirst() {
        List<Candidate> out = tests(threeVersions().customers("1.2", "lost note", END - 24, END, 3), "1.2");

        List<Candidate> lost = out.stream().filter(c -> c.symptom().equals("lost note")).toList();
        // 72 customers in each window from 24 h up (the 6 h window has 18)
        assertThat(lost).extracting(Candidate::window).containsExactly(Duration.ofHours(6), Duration.ofHours(24),
                Duration.ofHours(72), Duration.ofHours(168));
        assertThat(lost).extracting(Candidate::observed).containsExactly(18L, 72L, 72L, 72L);
        assertThat(lost).allSatisfy(c -> {
            assertThat(c.baseline()).isEqualTo(Signal.Baseline.OTHER_VERSIONS);
            assertThat(c.version()).isEqualTo("1.2");
            assertThat(c.rateRatio()).isGreaterThan(DetectionSettings.defaults().minRateRatio())
                    .isCloseTo(c.observed() / c.expected(), within(1e-9));
            assertThat(c.p()).isLessThan(1e-4);
        });
        // from 24 h on: 72 customers where the others had none, expected (0 + 3 pseudo-customers) at 1.2's
        // install-hours' share, and the shrinkage (BCPNN) agrees; over 6 h 18 of 24 customers are too few for it
        assertThat(lost.subList(1, 4)).allSatisfy(c -> {
            assertThat(c.p()).isLessThan(1e-12);
            assertThat(c.shrinkageOk()).isTrue();
        });
    }

    @Test
    void aVersionLikeTheOthersHasNoTestThatStandsOut() {
        List<Candidate> out = tests(threeVersions(), "1.0");

        assertThat(out).isNotEmpty().allSatisfy(c -> {
            assertThat(c.symptom()).isEqualTo(Symptoms.ALL);
            assertThat(c.rateRatio()).isLessThan(1.1);
            assertThat(c.p()).isGreaterThan(0.05);
        });
    }

    @Test
    void aPhraseEveryVersionsCustomersUseIsBackgroundAndNeverTested() {
        // half of every version's customers say "update"; 1.2's say it three times as often
        GridSource source = threeVersions().customers("1.0", "update", 0, END, 1).customers("1.1", "update", 120, END, 1)
                .customers("1.2", "update", 240, END, 3);

        assertThat(tests(source, "1.2")).extracting(Candidate::symptom).doesNotContain("update");
        assertThat(ConcurrentRateDetector.background(DetectionSettings.defaults(), "update", 3, 10, 6, 106))
                .as("7 of the others' 100 customers: 7% >= 5%").isTrue();
        assertThat(ConcurrentRateDetector.background(DetectionSettings.defaults(), "update", 3, 7, 6, 106))
                .as("4 of 100: 4%").isFalse();
        assertThat(ConcurrentRateDetector.background(DetectionSettings.defaults(), "category:Sync", 3, 60, 6, 106))
                .as("categories never").isFalse();
    }
}

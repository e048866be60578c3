package io.releaseradar.detection.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiplicityTest {

    private static final DetectionSettings S = DetectionSettings.defaults();

    private static Candidate test(String symptom, int hours, double p, double ratio) {
        return new Candidate("1.2", symptom, Duration.ofHours(hours), Signal.Baseline.OTHER_VERSIONS, 30, 10, ratio,
                p, true);
    }

    @Test
    void theAllContactsTestsShareTheirPartOfTheLevel() {
        List<Candidate> c = List.of(test("", 24, 0.01, 2), test("", 72, 0.01, 2), test("a", 24, 0.01, 2),
                test("b", 24, 0.01, 2), test("c", 24, 0.01, 2), test("d", 24, 0.01, 2));

        // 0.2 over two all-contacts tests, 0.8 over four symptom tests
        assertThat(Multiplicity.familyWeights(c, 0.2)).containsExactly(0.1, 0.2);
        assertThat(Multiplicity.familyWeights(c, 0)).containsExactly(1, 1);
        assertThat(Multiplicity.familyWeights(c.subList(2, 6), 0.2)).as("no all-contacts test").containsExactly(1, 1);
    }

    @Test
    void aWeekLongExcessCountsOnlyWhileTheShorterWindowShowsIt() {
        Candidate week = test("lost note", 168, 1e-9, 3);

        assertThat(Multiplicity.sustained(List.of(test("lost note", 72, 0.01, 2), week), 1, S)).isTrue();
        assertThat(Multiplicity.sustained(List.of(test("lost note", 72, 0.2, 2), week), 1, S))
                .as("not significant over 72 h").isFalse();
        assertThat(Multiplicity.sustained(List.of(test("lost note", 72, 0.01, 1.2), week), 1, S))
                .as("below the margin over 72 h").isFalse();
        assertThat(Multiplicity.sustained(List.of(test("other", 72, 0.01, 2), week), 1, S))
                .as("another symptom").isFalse();
        assertThat(Multiplicity.sustained(List.of(week), 0, S)).as("no 72 h test at all").isFalse();
        assertThat(Multiplicity.sustained(List.of(test("lost note", 72, 1e-9, 3)), 0, S))
                .as("72 h is recent").isTrue();
    }
}

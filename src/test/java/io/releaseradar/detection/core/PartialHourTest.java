package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation as of an instant within an hour: that hour counts up to asOf (issue 23 §4). */
class PartialHourTest {

    private static final int END = 30 * 24;
    private static final Instant AS_OF = hour(END).plus(Duration.ofMinutes(15));
    private static final VersionSymptom LOST = new VersionSymptom("1.2", "lost note");
    private static final VersionSymptom ALL_OF_12 = new VersionSymptom("1.2", Symptoms.ALL);

    /** Three versions of 2,000 installs each, one customer an hour each; in hour END 1.2 also has 40 "lost note". */
    private static GridSource product() {
        return new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 120, "1.0").release("1.2", 240, "1.1")
                .installs("1.0", 0, END + 24, 2000).installs("1.1", 120, END + 24, 2000)
                .installs("1.2", 240, END + 24, 2000)
                .customers("1.0", "", 0, END + 24, 1).customers("1.1", "", 120, END + 24, 1)
                .customers("1.2", "", 240, END + 24, 1)
                .customers("1.2", "lost note", END, END + 1, 40);
    }


    private static Finding finding(Evaluation e) {
        return e.findings().stream().filter(f -> "1.2".equals(f.version())).findFirst().orElse(null);
    }

    @Test
    void aSourceOfWholeHoursEndsTheWindowsAtTheLastClosedHour() {
        Evaluation e = Evaluator.evaluate("notes", AS_OF, product().withHourSoFar(null), DetectionSettings.defaults());
        assertThat(e.windowEnd()).isEqualTo(hour(END));
        assertThat(finding(e)).isNull();
    }

    @Test
    void theHourSoFarCountsItsContactsUpToAsOfNotTheHoursRollups() {
        // the grid's hour END stands for its rollups, which hold contacts received after asOf too: not read
        Evaluation none = Evaluator.evaluate("notes", AS_OF, product().withHourSoFar(Map.of()),
                DetectionSettings.defaults());
        assertThat(none.windowEnd()).isEqualTo(hour(END + 1));
        assertThat(finding(none)).isNull();

        Evaluation found = Evaluator.evaluate("notes", AS_OF, product().withHourSoFar(Map.of(LOST, 30L, ALL_OF_12,
                30L)), DetectionSettings.defaults());
        assertThat(found.windowEnd()).isEqualTo(hour(END + 1));
        assertThat(finding(found)).isNotNull();
        assertThat(finding(found).symptom()).isEqualTo("lost note");
        assertThat(finding(found).customers()).isEqualTo(30);
    }

    @Test
    void theUnfinishedHoursInstallsCountForTheShareThatHasPassed() {
        HourlySeries installs = new HourlySeries(hour(0), Map.of("1.0", new long[] {10, 10, 10}), 0.25);
        assertThat(installs.hours("1.0", hour(0), hour(3))).isEqualTo(22.5);
        assertThat(installs.hours("1.0", hour(2), hour(3))).isEqualTo(2.5);
        assertThat(installs.hours("1.0", hour(0), hour(2))).isEqualTo(20.0);
        assertThat(installs.sum("1.0", hour(0), hour(3))).isEqualTo(30);
    }
}

package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A helpdesk rename seen through the evaluation (issue 21, property 6). 1.0 and 1.1 run on 2,000 installs each until
 * hour 552; the helpdesk renames "Sync Problems" to "Sync Issues" at hour 480, on both at once; 1.2 comes out at hour
 * 528 and by hour 552 has every install, so at hour 648 it runs alone and is compared with 1.1's day at the same age
 * (hours 336–360), when the old name was in use.
 */
class RenamedCategoryEvaluationTest {

    private static final int END = 648;
    private static final String OLD = "category:sync-problems";
    private static final String NEW = "category:sync-issues";

    private static GridSource renamed() {
        return new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 240, "1.0").release("1.2", 528, "1.1")
                .installs("1.0", 0, 552, 2000).installs("1.1", 240, 552, 2000).installs("1.2", 528, END, 4000)
                .customers("1.0", "", 0, 552, 1).customers("1.1", "", 240, 552, 1).customers("1.2", "", 528, END, 2)
                .customers("1.0", OLD, 0, 480, 2).customers("1.1", OLD, 240, 480, 2)
                .customers("1.0", NEW, 480, 552, 2).customers("1.1", NEW, 480, 552, 2)
                .customers("1.2", NEW, 528, END, 4);
    }

    private static List<String> symptomsFound(DetectionSource source) {
        Evaluation e = Evaluator.evaluate("notes", hour(END), source, DetectionSettings.defaults());
        return e.findings().stream().filter(f -> "1.2".equals(f.version()))
                .flatMap(f -> f.signals().stream()).map(s -> String.valueOf(s.symptom())).toList();
    }

    @Test
    void aRenamedCategoryKeepsItsHistoryAndIsNoNewSymptomOfTheVersionAfterIt() {
        // taken as new, the category has 96 customers on 1.2's last day where 1.1 had none at the same age
        assertThat(symptomsFound(renamed().withoutCategoryHours())).contains(NEW);

        assertThat(symptomsFound(renamed())).doesNotContain(NEW, OLD);
    }

    @Test
    void theRenamedCategoryIsCountedUnderItsNewNameWithTheOldNamesCustomers() {
        EvaluationInput in = EvaluationInput.load("notes", hour(END), renamed(), DetectionSettings.defaults());

        // 1.1's day at the same age: 48 customers, all filed under the old name then
        assertThat(in.predecessorCustomers()).singleElement().satisfies(day -> {
            assertThat(day).containsEntry(new VersionSymptom("1.1", NEW), 48L);
            assertThat(day).doesNotContainKey(new VersionSymptom("1.1", OLD));
        });
    }

    @Test
    void aFindingOnTheRenamedCategoryNamesItsOldNameToo() {
        // 1.2's last day: six times the renamed category's customers of 1.1's day at the same age
        GridSource source = renamed().customers("1.2", NEW, END - 24, END, 20);

        Finding f = Evaluator.evaluate("notes", hour(END), source, DetectionSettings.defaults()).findings().stream()
                .filter(x -> "1.2".equals(x.version())).findFirst().orElseThrow();
        assertThat(f.symptom()).isEqualTo(NEW);
        assertThat(f.summary()).contains("most of the excess: category sync-issues (formerly sync-problems) from 576 "
                + "customers in 24 h");
        // and the same words when the category itself leads the finding
        assertThat(Summaries.version("notes", "1.2", new Signal(NEW, Duration.ofHours(24), 576, 99, 5.8, 9,
                Signal.Baseline.PREDECESSOR_SAME_AGE), 0.14, List.of(OLD))).isEqualTo("notes 1.2: category "
                        + "sync-issues (formerly sync-problems) from 576 customers in 24 h, 5.8x its predecessor at "
                        + "the same age (14% of its installs)");
    }

    @Test
    void aNewCategoryOnTheNewVersionAloneIsStillANewSymptom() {
        // a crash filed under a category of its own, on 1.2 only, from its release on; and a category of 1.0 and 1.1
        // that happened to stop at that hour, as a rename's old name would
        GridSource source = renamed().customers("1.2", "category:crash", 528, END, 4)
                .customers("1.0", "category:billing", 0, 528, 1).customers("1.1", "category:billing", 240, 528, 1);

        assertThat(symptomsFound(source)).contains("category:crash").doesNotContain(NEW);
    }
}

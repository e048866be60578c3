package io.releaseradar.detection.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowCountsTest {

    private static VersionSymptom cell(String version, String symptom) {
        return new VersionSymptom(version, symptom);
    }

    @Test
    void mapsPerWindowBecomeOneArrayPerCellInWindowOrder() {
        WindowCounts counts = WindowCounts.of(List.of(
                Map.of(cell("2.0", "lost note"), 2L),
                Map.of(cell("2.0", "lost note"), 7L, cell("2.0", ""), 9L, cell("1.0", ""), 4L)));

        assertThat(counts.windows()).isEqualTo(2);
        assertThat(counts.of("2.0")).containsOnlyKeys("lost note", "");
        assertThat(counts.of("2.0").get("lost note")).containsExactly(2, 7);
        assertThat(counts.count("2.0", "", 0)).isZero();
        assertThat(counts.count("2.0", "", 1)).isEqualTo(9);
        assertThat(counts.count("3.0", "", 1)).isZero();
        assertThat(counts.of("3.0")).isEmpty();
        assertThat(counts.window(0)).isEqualTo(Map.of(cell("2.0", "lost note"), 2L));
        assertThat(counts.window(1)).isEqualTo(Map.of(cell("2.0", "lost note"), 7L, cell("2.0", ""), 9L,
                cell("1.0", ""), 4L));
    }

    @Test
    void totalsSumOnlyTheVersionsAskedAndLeaveTheCellsAlone() {
        WindowCounts counts = new WindowCounts.Builder(2)
                .add("1.0", "crash", new long[] {1, 3})
                .add("2.0", "crash", new long[] {2, 5})
                .add("", "crash", new long[] {10, 10})
                .add("2.0", "sync", 1, 4)
                .build();

        Map<String, long[]> totals = counts.totals(List.of("1.0", "2.0"));
        assertThat(totals).containsOnlyKeys("crash", "sync");
        assertThat(totals.get("crash")).containsExactly(3, 8);
        assertThat(totals.get("sync")).containsExactly(0, 4);
        totals.get("crash")[0] = 100;
        assertThat(counts.count("1.0", "crash", 0)).isEqualTo(1);
    }

    @Test
    void symptomsNoVersionReachesTheThresholdWithAreLeftOutWhole() {
        List<Map<VersionSymptom, Long>> perWindow = List.of(
                Map.of(cell("2.0", "lost note"), 3L, cell("2.0", "rare"), 2L),
                Map.of(cell("2.0", "lost note"), 5L, cell("1.0", "lost note"), 1L, cell("2.0", "rare"), 4L,
                        cell("1.0", "rare"), 4L, cell("", "stray"), 7L));

        WindowCounts kept = WindowCounts.of(perWindow, 5);
        // "lost note" reaches 5 on 2.0: all its cells stay, 1.0's single customer and the short window's 3 too
        assertThat(kept.of("2.0")).containsOnlyKeys("lost note");
        assertThat(kept.of("2.0").get("lost note")).containsExactly(3, 5);
        assertThat(kept.count("1.0", "lost note", 1)).isEqualTo(1);
        assertThat(kept.totals(List.of("1.0", "2.0")).get("lost note")).containsExactly(3, 6);
        // "rare" has 4 on each version, never 5: gone; the unresolved version's 7 keeps "stray"
        assertThat(kept.of("1.0")).containsOnlyKeys("lost note");
        assertThat(kept.count("", "stray", 1)).isEqualTo(7);
        // 0 and 1 keep every cell with customers
        assertThat(WindowCounts.of(perWindow, 1).window(1)).isEqualTo(perWindow.get(1));
        assertThat(WindowCounts.of(perWindow, 0).window(0)).isEqualTo(perWindow.get(0));
    }

    @Test
    void addingToACellTwiceAddsUpAndCellsWithoutCustomersAreLeftOut() {
        WindowCounts counts = new WindowCounts.Builder(3)
                .add("1.0", "crash", new long[] {0, 1, 2})
                .add("1.0", "crash", new long[] {1, 1, 1})
                .add("1.0", "crash", 2, 4)
                .add("1.0", "quiet", new long[] {0, 0, 0})
                .add("9.9", "quiet", 0, 0)
                .build();

        assertThat(counts.of("1.0").get("crash")).containsExactly(1, 2, 7);
        assertThat(counts.of("1.0")).containsOnlyKeys("crash");
        assertThat(counts.of("9.9")).isEmpty();
        assertThatThrownBy(() -> new WindowCounts.Builder(3).add("1.0", "crash", new long[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
    @Test
    void theCurrentHourAddedLeavesTheCellsInTheOrderTheBuilderGivesThem() {
        // Candidates are made in the order a version's cells iterate, and where evidence ties the first one stays:
        // plusEach must give the order that building the same counts gives, new symptoms of the hour included (300
        // symptoms, so that many share a hash bucket)
        WindowCounts.Builder before = new WindowCounts.Builder(2);
        for (int i = 0; i < 300; i += 2) {
            before.add("1.0", "phrase " + i, new long[] {1, 2});
        }
        WindowCounts counts = before.build();
        Map<VersionSymptom, Long> hour = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 300; i += 3) {
            hour.put(new VersionSymptom("1.0", "phrase " + i), 1L);
        }
        hour.put(new VersionSymptom("1.1", "phrase 1"), 1L);

        WindowCounts.Builder rebuilt = new WindowCounts.Builder(2);
        counts.of("1.0").forEach((symptom, c) -> rebuilt.add("1.0", symptom, c.clone()));
        hour.forEach((k, n) -> rebuilt.add(k.version(), k.symptom(), 0, n).add(k.version(), k.symptom(), 1, n));
        WindowCounts expected = rebuilt.build();

        WindowCounts actual = counts.plusEach(hour, 0);
        assertThat(List.copyOf(actual.of("1.0").keySet())).containsExactlyElementsOf(expected.of("1.0").keySet());
        assertThat(actual.count("1.0", "phrase 3", 1)).isEqualTo(1);
        assertThat(actual.count("1.0", "phrase 6", 1)).isEqualTo(3);
        assertThat(actual.count("1.1", "phrase 1", 0)).isEqualTo(1);
    }
}

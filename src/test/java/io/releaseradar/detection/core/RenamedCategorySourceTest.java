package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenamedCategorySourceTest {

    private static final int END = 48;
    private static final String OLD = "category:sync-problems";
    private static final String NEW = "category:sync-issues";
    private static final Map<String, String> RENAMES = Map.of(OLD, NEW);

    /** One version: the old name every hour of [24, 36), the new one every hour of [36, 48), "lost note" 2 an hour. */
    private static GridSource grid() {
        return new GridSource(END).release("1.0", 0, null).installs("1.0", 0, END, 1000)
                .customers("1.0", OLD, END - 24, END - 12, 1).customers("1.0", NEW, END - 12, END, 1)
                .customers("1.0", "lost note", 0, END, 2);
    }

    @Test
    void theWindowsCountTheOldNameUnderTheNewOneEvenWhenEachAloneIsTooThinToKeep() {
        GridSource grid = grid();
        List<Duration> windows = List.of(Duration.ofHours(6), Duration.ofHours(24));

        // 12 customers under each name in 24 h: fewer than 20, so the source leaves both out; 24 together are kept
        WindowCounts raw = grid.windowCounts("notes", hour(END), windows, 20);
        assertThat(raw.of("1.0")).doesNotContainKeys(OLD, NEW);
        WindowCounts renamed = RenamedCategorySource.over(grid, RENAMES).windowCounts("notes", hour(END), windows, 20);

        assertThat(renamed.of("1.0")).doesNotContainKey(OLD);
        assertThat(renamed.of("1.0").get(NEW)).containsExactly(6, 24);
        assertThat(renamed.of("1.0").get("lost note")).containsExactly(12, 48);
    }

    @Test
    void everyOtherReadCountsTheOldNameUnderTheNewOne() {
        DetectionSource source = RenamedCategorySource.over(grid(), RENAMES);

        assertThat(source.customers("notes", hour(0), hour(END))).containsEntry(new VersionSymptom("1.0", NEW), 24L)
                .doesNotContainKey(new VersionSymptom("1.0", OLD));
        assertThat(source.customersOf("notes", List.of(new DetectionSource.VersionRange("1.0", hour(20), hour(40)))))
                .singleElement().satisfies(m -> assertThat(m).containsEntry(new VersionSymptom("1.0", NEW), 16L));
        long[] hourly = source.hourlyCustomers("notes", NEW, hour(END - 26), hour(END)).get("1.0");
        assertThat(hourly).containsExactly(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                1);
        assertThat(source.hourlyCustomers("notes", OLD, hour(0), hour(END))).isEmpty();
    }

    @Test
    void withoutRenamesTheSourceIsItself() {
        GridSource grid = grid();

        assertThat(RenamedCategorySource.over(grid, Map.of())).isSameAs(grid);
    }
}

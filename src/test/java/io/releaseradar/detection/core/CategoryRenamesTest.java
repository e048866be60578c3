package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.DetectionSource.CategoryHours;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryRenamesTest {

    private static final String OLD = "category:sync-problems";
    private static final String NEW = "category:sync-issues";

    /** Every version's hours of a category: first and last hour given, the same on each version. */
    private static List<CategoryHours> on(String key, int first, int last, String... versions) {
        List<CategoryHours> out = new ArrayList<>();
        for (String v : versions) {
            out.add(new CategoryHours(key, v, hour(first), hour(last)));
        }
        return out;
    }

    private static List<CategoryHours> all(List<List<CategoryHours>> parts) {
        return parts.stream().flatMap(List::stream).toList();
    }

    @Test
    void aNameThatStopsWhereANewOneStartsOnEveryVersionIsARename() {
        List<CategoryHours> hours = all(List.of(on(OLD, 0, 499, "1.0", "1.1", "1.2"),
                on(NEW, 500, 700, "1.0", "1.1", "1.2"), on("category:login", 0, 700, "1.0", "1.1", "1.2")));

        assertThat(CategoryRenames.find(hours, hour(701))).containsExactly(java.util.Map.entry(OLD, NEW));
    }

    @Test
    void theEvidenceWaitsUntilTheSpanHasPassed() {
        List<CategoryHours> hours = all(List.of(on(OLD, 0, 499, "1.0", "1.1"), on(NEW, 500, 540, "1.0", "1.1")));

        // 47 h after the new name's first hour: the old one might still come back
        assertThat(CategoryRenames.find(hours, hour(547))).isEmpty();
        assertThat(CategoryRenames.find(hours, hour(548))).containsEntry(OLD, NEW);
    }

    @Test
    void aNewCategoryOnOneVersionIsNeverARenameEvenWhenAnotherStopsThen() {
        // an incident's category on 1.2 only, while a quiet category happened to stop at the same hour
        List<CategoryHours> hours = all(List.of(on(OLD, 0, 499, "1.0", "1.1", "1.2"),
                on("category:crash", 500, 700, "1.2")));

        assertThat(CategoryRenames.find(hours, hour(701))).isEmpty();
    }

    @Test
    void aNewNameOnTooFewOfTheOldNamesVersionsIsNoRename() {
        // the old name was in use on four versions; the new one reached one of them within the span, and a version
        // released after the rename (it never had the old name) does not count
        List<CategoryHours> hours = new ArrayList<>(on(OLD, 0, 499, "1.0", "1.1", "1.2", "1.3"));
        hours.addAll(on(NEW, 500, 700, "1.0", "2.0"));
        hours.addAll(on(NEW, 600, 700, "1.1", "1.2", "1.3"));

        assertThat(CategoryRenames.find(hours, hour(701))).isEmpty();
    }

    @Test
    void aNameStillInUseIsNotRenamed() {
        List<CategoryHours> hours = all(List.of(on(OLD, 0, 700, "1.0", "1.1"), on(NEW, 500, 700, "1.0", "1.1")));

        assertThat(CategoryRenames.find(hours, hour(701))).isEmpty();
    }

    @Test
    void renamesOfRenamesCountUnderTheLastName() {
        List<CategoryHours> hours = all(List.of(on(OLD, 0, 299, "1.0", "1.1"), on(NEW, 300, 599, "1.0", "1.1"),
                on("category:synchronisation", 600, 900, "1.0", "1.1")));

        assertThat(CategoryRenames.find(hours, hour(901))).containsEntry(OLD, "category:synchronisation")
                .containsEntry(NEW, "category:synchronisation").hasSize(2);
    }

    @Test
    void anOldNameWithNothingInTheHoursReadIsLeftOut() {
        List<CategoryHours> hours = all(List.of(on(OLD, 0, 499, "1.0", "1.1"), on(NEW, 500, 900, "1.0", "1.1")));

        assertThat(CategoryRenames.find(hours, hour(901), hour(500))).isEmpty();
        assertThat(CategoryRenames.find(hours, hour(901), hour(499))).containsEntry(OLD, NEW);
    }
}

package io.releaseradar.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.RollupHourCache.Hour;
import io.releaseradar.detection.RollupHourCache.Snapshot;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.detection.core.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A held hour's cells are ordered by their symptom's hash, and one symptom's hours are found by it: symptoms that
 * share a hash ("Aa" and "BB") stay apart, whatever order the cells were read in.
 */
class RollupHourSnapshotTest {

    private static final Instant FROM = Instant.parse("2026-05-04T00:00:00Z");

    private static Hour hour(Object... cellsAndCustomers) {
        int n = cellsAndCustomers.length / 2;
        VersionSymptom[] cells = new VersionSymptom[n + 1]; // one spare slot: only the first n count
        int[] customers = new int[n + 1];
        for (int i = 0; i < n; i++) {
            cells[i] = (VersionSymptom) cellsAndCustomers[2 * i];
            customers[i] = (Integer) cellsAndCustomers[2 * i + 1];
        }
        cells[n] = new VersionSymptom("9.9.9", "spare");
        return Hour.of(0, cells, customers, n);
    }

    /** Hourly series per version as a comparable value (the detection tests share it). */
    static Map<String, List<Long>> lists(Map<String, long[]> series) {
        Map<String, List<Long>> out = new HashMap<>();
        series.forEach((v, a) -> out.put(v, Arrays.stream(a).boxed().toList()));
        return out;
    }

    @Test
    void symptomsThatShareAHashAreFoundApartInEveryHour() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        VersionSymptom aa1 = new VersionSymptom("1.0", "Aa");
        VersionSymptom bb1 = new VersionSymptom("1.0", "BB");
        VersionSymptom aa2 = new VersionSymptom("2.0", "Aa");
        VersionSymptom other = new VersionSymptom("1.0", "lost note");
        Map<Instant, Hour> hours = Map.of(
                FROM, hour(bb1, 7, aa1, 3, other, 1, aa2, 2),
                FROM.plus(Duration.ofHours(1)), hour(aa2, 5, bb1, 4),
                FROM.plus(Duration.ofHours(2)), hour(other, 9, aa1, 6, bb1, 8));
        Instant to = FROM.plus(Duration.ofHours(3));
        Snapshot snapshot = new Snapshot(FROM, to, hours, new WindowCounts.Builder(1).build());

        assertThat(lists(snapshot.hourly("Aa", FROM, to)))
                .isEqualTo(Map.of("1.0", List.of(3L, 0L, 6L), "2.0", List.of(2L, 5L, 0L)));
        assertThat(lists(snapshot.hourly("BB", FROM, to))).isEqualTo(Map.of("1.0", List.of(7L, 4L, 8L)));
        assertThat(lists(snapshot.hourly("lost note", FROM, to))).isEqualTo(Map.of("1.0", List.of(1L, 0L, 9L)));
        assertThat(snapshot.hourly("spare", FROM, to)).isEmpty();
        assertThat(snapshot.hourly("never said", FROM, to)).isEmpty();
        // a later part of the range
        assertThat(lists(snapshot.hourly("Aa", FROM.plus(Duration.ofHours(1)), to)))
                .isEqualTo(Map.of("1.0", List.of(0L, 6L), "2.0", List.of(5L, 0L)));
    }

    @Test
    void anHoursCellsAreOrderedByTheirSymptomsHash() {
        Hour h = hour(new VersionSymptom("1.0", "zebra"), 1, new VersionSymptom("1.0", "apple"), 2,
                new VersionSymptom("2.0", "mango"), 3, new VersionSymptom("2.0", "apple"), 4);
        assertThat(h.cells()).hasSize(4);
        for (int i = 1; i < h.cells().length; i++) {
            assertThat(h.cells()[i - 1].symptom().hashCode()).isLessThanOrEqualTo(h.cells()[i].symptom().hashCode());
        }
        // each cell keeps its own customers
        for (int i = 0; i < h.cells().length; i++) {
            int expected = switch (h.cells()[i].symptom() + "@" + h.cells()[i].version()) {
                case "zebra@1.0" -> 1;
                case "apple@1.0" -> 2;
                case "mango@2.0" -> 3;
                case "apple@2.0" -> 4;
                default -> -1;
            };
            assertThat(h.customers()[i]).isEqualTo(expected);
        }
    }
}

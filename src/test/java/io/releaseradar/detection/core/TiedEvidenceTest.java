package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The late turn of the alert latency benchmark (docs/measured.md): three versions of 100 installs each, unchanged
 * for more than a week, and 8 customers of 1.2 reporting lost notes in the current hour, a symptom the other versions
 * never had. The symptom-hours check then weighs every hour 1 (the others have no rate of it to weigh by), and with
 * the versions' shares constant the retried test is the first test itself: the same p-value but for rounding, which
 * the instant's share of the hour decided. The evidence must not come and go with the evaluation instant.
 */
class TiedEvidenceTest {

    private static final int END = 14 * 24;
    private static final String[] VERSIONS = {"1.0", "1.1", "1.2"};

    /** As the benchmark: released 10, 9 and 8 days before, a sync question every other hour, round the versions. */
    private static DetectionSource product() {
        GridSource grid = new GridSource(END + 1)
                .release("1.0", 4 * 24, null).release("1.1", 5 * 24, "1.0").release("1.2", 6 * 24, "1.1");
        for (int v = 0; v < 3; v++) {
            grid.installs(VERSIONS[v], (4 + v) * 24 + 1, END + 1, 100);
        }
        for (int h = 7 * 24; h < END; h += 2) {
            grid.customers(VERSIONS[(h / 2) % 3], "sync", h, h + 1, 1);
        }
        Map<VersionSymptom, Long> soFar = Map.of(new VersionSymptom("1.2", "lost"), 8L,
                new VersionSymptom("1.2", "lost note"), 8L, new VersionSymptom("1.2", "category:data"), 8L,
                new VersionSymptom("1.2", Symptoms.ALL), 8L);
        return grid.withHourSoFar(soFar);
    }

    @Test
    void theEvidenceDoesNotDependOnTheInstantsRounding() {
        DetectionSource source = product();
        List<Instant> without = new ArrayList<>();
        // instants such as the scheduler's: about a second past each minute, to the microsecond
        for (int minute = 30; minute < 50; minute++) {
            for (int micros = 999_700; micros <= 1_000_100; micros += 20) {
                Instant asOf = hour(END).plus(Duration.ofMinutes(minute)).plusNanos(micros * 1000L);
                Evaluation e = Evaluator.evaluate("notes", asOf, source, DetectionSettings.defaults());
                if (e.findings().stream().noneMatch(f -> "1.2".equals(f.version()))) {
                    without.add(asOf);
                }
            }
        }
        assertThat(without).as("instants without the finding").isEmpty();
    }
}

package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.VersionHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo tells its story whenever it is started: the simulated history ends at the hour of loading, so the weekly
 * and daily rhythm fall differently each hour, and at every hour of a week 3.3.0 must show at risk (so the overview
 * flags it) while no other version raises a finding. Evaluated in memory, with the shipped
 * settings and the demo's default seed.
 */
class DemoScenarioTest {

    private static final long SEED = Long.parseLong(DemoConfig.DEFAULT_SEED);

    @Test
    void theBadReleaseShowsAtRiskAtEveryHourOfTheWeekAndNoOtherVersionDoes() {
        Instant monday = Instant.parse("2026-11-30T00:00:00Z");
        List<String> wrong = new ArrayList<>();
        for (int h = 0; h < 24 * 7; h++) {
            Instant end = monday.plus(Duration.ofHours(h));
            SimulatedWorld world = Simulator.simulate(Scenarios.demo("notes", end), SEED);
            Evaluation e = Evaluator.evaluate("notes", end.plusSeconds(90), InMemoryDetectionSource.of(world),
                    DetectionSettings.defaults());
            VersionHealth bad = e.health().stream().filter(v -> v.version().equals("3.3.0")).findFirst()
                    .orElseThrow();
            if (bad.status() != VersionHealth.Status.AT_RISK && bad.status() != VersionHealth.Status.CRITICAL) {
                wrong.add(end + ": 3.3.0 " + bad.status());
            }
            for (Finding f : e.findings()) {
                if (f.version() != null && !f.version().equals("3.3.0")) {
                    wrong.add(end + ": " + f.summary());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}

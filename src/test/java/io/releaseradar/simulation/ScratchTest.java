package io.releaseradar.simulation;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.Evaluation;
import io.releaseradar.detection.core.Evaluator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void dump() {
        for (String s : new String[] {"2026-12-01T03:00:00Z", "2026-12-04T04:00:00Z", "2026-12-04T11:00:00Z", "2026-12-05T10:00:00Z",
                "2026-12-05T21:00:00Z", "2026-12-06T15:00:00Z", "2026-12-06T20:00:00Z", "2026-11-30T00:00:00Z"}) {
            Instant end = Instant.parse(s);
            SimulatedWorld world = Simulator.simulate(Scenarios.demo("notes", end), 7);
            InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
            Evaluation e = Evaluator.evaluate("notes", end.plusSeconds(90), source, DetectionSettings.defaults());
            System.err.println("DEBUG " + s + " " + e.findings().stream().map(f -> f.version() + " " + f.severity() + " " + f.summary()).toList());
            e.health().stream().filter(x -> x.version().equals("3.3.0")).forEach(x -> System.err.println("DEBUG    " + x.status() + " " + x.topSignals()));
        }
    }
}

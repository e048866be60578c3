package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.ContactHabits;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.Onset;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.Rollout;
import io.releaseradar.simulation.ScenarioSpec.UpgradeHabits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The demo's world, which {@link DemoLoader} loads (the quality benchmark's named scenarios are test code). */
public final class DemoScenario {

    private DemoScenario() {
    }

    /**
     * The demo: three weeks of a product ending at {@code end}, 4,000 customers, most of whom upgrade within days; 3.3.0, out
     * for a week and still spreading, makes customers call about vanished notes ten times as often as usual.
     * Small on purpose, so that the demo loads and replays in seconds; strong enough that 3.3.0 shows at risk whatever
     * the hour it is loaded at (with four days and eight times, its few hundred installs left it merely "watch" at
     * about one hour in five, depending on where the weekly rhythm fell; with five days one hour in twenty, and with six
     * days one in eighty, once detection asked for an excess beyond what healthy versions differ by;
     * {@code DemoScenarioTest}).
     */
    public static ScenarioSpec of(String product, Instant end) {
        Duration length = Duration.ofDays(21);
        Duration beforeEnd = length.negated();
        List<ReleaseSpec> releases = List.of(
                ReleaseSpec.of("3.1.0", beforeEnd.plusDays(-60), Rollout.STAGED),
                ReleaseSpec.of("3.1.1", beforeEnd.plusDays(-35), Rollout.IMMEDIATE),
                ReleaseSpec.of("3.2.0", beforeEnd.plusDays(-12), Rollout.STAGED),
                ReleaseSpec.of("3.2.1", length.minusDays(16), Rollout.IMMEDIATE),
                ReleaseSpec.of("3.3.0", length.minusDays(7), Rollout.STAGED));
        return new ScenarioSpec("demo", "3.3.0 loses notes", product, end.minus(length), Duration.ZERO, length, 4000,
                0.015, releases,
                List.of(new IncidentSpec("3.3.0", Duration.ZERO, 10.0, Onset.SUDDEN, Duration.ZERO, "Sync",
                        "notes vanished")),
                List.of(), new UpgradeHabits(Duration.ofDays(3), 1.2, 0.10), ContactHabits.TYPICAL);
    }
}

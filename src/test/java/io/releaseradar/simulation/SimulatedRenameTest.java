package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.CategoryRenames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The simulator's helpdesk rename is one that detection finds, so the quality benchmarks exercise the mapping. */
class SimulatedRenameTest {

    @Test
    void theRenameScenariosRenameIsFoundOnceItsSpanHasPassedAndNotBefore() {
        SimulatedWorld world = Simulator.simulate(Scenarios.named("category-rename"), 1);
        InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
        Instant renamed = world.start().plus(((ScenarioSpec.CategoryRename) world.spec().confounders().get(0))
                .afterStart()).truncatedTo(ChronoUnit.HOURS);

        Instant before = renamed.plus(CategoryRenames.SPAN).minus(Duration.ofHours(2));
        assertThat(CategoryRenames.find(source.categoryHours(world.product(), before), before)).isEmpty();
        Instant end = world.end().truncatedTo(ChronoUnit.HOURS);
        assertThat(CategoryRenames.find(source.categoryHours(world.product(), end), end))
                .containsExactlyEntriesOf(java.util.Map.of("category:sync", "category:synchronisation"));
    }
}

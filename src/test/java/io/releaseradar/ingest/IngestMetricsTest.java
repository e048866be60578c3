package io.releaseradar.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The source tag of the contact counters stays bounded whatever sources the clients invent. */
class IngestMetricsTest {

    private static final int BOUND = 3;

    @Test
    void sourcesBeyondTheBoundCountUnderOtherWithTheirTotals() {
        MeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry, BOUND);
        // BOUND + 5 sources, source i sending i + 1 contacts over REST, one duplicate and one rejected over Kafka
        for (int i = 0; i < BOUND + 5; i++) {
            metrics.accepted(Ingress.REST, "helpdesk-" + i, i + 1);
            metrics.duplicate(Ingress.KAFKA, "helpdesk-" + i, 1);
            metrics.rejected(Ingress.KAFKA, "helpdesk-" + i);
        }
        // a source seen before keeps its own tag later, even after the bound is reached
        metrics.accepted(Ingress.KAFKA, "helpdesk-0", 10);

        Set<String> tags = registry.find("radar.contacts").counters().stream().map(c -> c.getId().getTag("source"))
                .collect(Collectors.toSet());
        assertThat(tags).hasSizeLessThanOrEqualTo(BOUND + 1)
                .containsExactlyInAnyOrder("helpdesk-0", "helpdesk-1", "helpdesk-2", "other");

        assertThat(sum(registry, "accepted", "rest")).containsExactly(Map.entry("helpdesk-0", 1.0),
                Map.entry("helpdesk-1", 2.0), Map.entry("helpdesk-2", 3.0), Map.entry("other", 4.0 + 5 + 6 + 7 + 8));
        assertThat(sum(registry, "accepted", "kafka")).containsExactly(Map.entry("helpdesk-0", 10.0));
        assertThat(sum(registry, "duplicate", "kafka")).containsEntry("other", 5.0).containsEntry("helpdesk-2", 1.0);
        assertThat(sum(registry, "rejected", "kafka")).containsEntry("other", 5.0).containsEntry("helpdesk-1", 1.0);
    }

    @Test
    void aMissingSourceIsCountedAsInvalidAndTakesNoPlaceInTheBound() {
        MeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry, 1);
        metrics.rejected(Ingress.KAFKA, null);
        metrics.accepted(Ingress.REST, "zendesk", 2);
        metrics.accepted(Ingress.REST, "phone-system", 3);

        assertThat(sum(registry, "rejected", "kafka")).containsExactly(Map.entry("invalid", 1.0));
        assertThat(sum(registry, "accepted", "rest")).containsExactly(Map.entry("other", 3.0),
                Map.entry("zendesk", 2.0));
    }

    private static Map<String, Double> sum(MeterRegistry registry, String outcome, String channel) {
        return registry.find("radar.contacts").tag("outcome", outcome).tag("channel", channel).counters().stream()
                .collect(Collectors.toMap(c -> c.getId().getTag("source"), Counter::count, Double::sum,
                        TreeMap::new));
    }
}

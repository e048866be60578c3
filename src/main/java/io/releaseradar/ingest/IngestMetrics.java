package io.releaseradar.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters {@code radar_contacts_total{outcome, source, channel}} on {@code /q/metrics}: outcome is accepted,
 * duplicate or rejected; source the contact's source ({@code invalid} when it had none usable); channel the way it
 * came in, {@code rest} or {@code kafka}.
 */
@ApplicationScoped
public class IngestMetrics {

    /** The source tag of items whose source is missing or malformed (keeps tag values bounded). */
    static final String INVALID_SOURCE = "invalid";

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(Ingress ingress, String source, int count) {
        counter("accepted", ingress, source).increment(count);
    }

    void duplicate(Ingress ingress, String source, int count) {
        counter("duplicate", ingress, source).increment(count);
    }

    /** Counts one rejected item. */
    public void rejected(Ingress ingress, String source) {
        counter("rejected", ingress, source).increment();
    }

    private Counter counter(String outcome, Ingress ingress, String source) {
        return Counter.builder("radar.contacts")
                .description("Support contacts received, by outcome, source and ingestion channel")
                .tag("outcome", outcome)
                .tag("source", source == null ? INVALID_SOURCE : source)
                .tag("channel", ingress.tag())
                .register(registry);
    }
}

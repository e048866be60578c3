package io.releaseradar.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters {@code radar_contacts_total{outcome, source, channel}} on {@code /q/metrics}: outcome is accepted,
 * duplicate or rejected; source the contact's source ({@code invalid} when it had none usable); channel the way it
 * came in, {@code rest} or {@code kafka}.
 *
 * <p>Any ingest client or Kafka producer names its own sources, and each distinct tag value is a meter held in memory
 * for good; so only the first {@code radar.ingest.metrics.max-sources} sources this instance sees get a tag of their
 * own, and every later one is counted under {@value #OTHER_SOURCE}.
 */
@ApplicationScoped
public class IngestMetrics {

    /** The source tag of items whose source is missing or malformed (keeps tag values bounded). */
    static final String INVALID_SOURCE = "invalid";
    /** The source tag of sources beyond the bound. */
    static final String OTHER_SOURCE = "other";

    private final MeterRegistry registry;
    private final int maxSources;
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    @Inject
    IngestMetrics(MeterRegistry registry, IngestConfig config) {
        this(registry, config.metrics().maxSources());
    }

    IngestMetrics(MeterRegistry registry, int maxSources) {
        this.registry = registry;
        this.maxSources = maxSources;
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
                .tag("source", tag(source))
                .tag("channel", ingress.tag())
                .register(registry);
    }

    /** The source's own tag while the bound allows, first come first served; {@value #OTHER_SOURCE} after it. */
    private String tag(String source) {
        if (source == null) {
            return INVALID_SOURCE;
        }
        if (tagged.contains(source)) {
            return source;
        }
        synchronized (tagged) {
            if (tagged.size() < maxSources) {
                tagged.add(source);
                return source;
            }
        }
        return OTHER_SOURCE;
    }
}

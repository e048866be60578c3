package io.releaseradar.detection.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A source whose last hour is the current, unfinished one: every read that reaches past {@code hour} gets the whole
 * hours before it from the wrapped source and the hour itself from {@code partial}, the customers of the contacts
 * received in [hour, asOf) ({@link DetectionSource#partialHour}). So the wrapped source never reads the hour's
 * rollups, which may already hold contacts received after {@code asOf} (a replay), and a contact counts at the next
 * evaluation instead of when its hour closes. Installs are passed through: the evaluation weighs the hour by the
 * share of it that has passed ({@link HourlySeries#lastShare}).
 */
final class PartialHourSource implements DetectionSource {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Comparator<VersionSymptom> BY_VERSION_THEN_SYMPTOM = Comparator
            .comparing(VersionSymptom::version).thenComparing(VersionSymptom::symptom);

    private final DetectionSource source;
    private final Instant hour;
    private final Map<VersionSymptom, Long> partial;
    private final long mostInACell;

    PartialHourSource(DetectionSource source, Instant hour, Map<VersionSymptom, Long> partial) {
        this.source = source;
        this.hour = hour;
        // in one order whatever the JVM: the hour's new cells enter the evaluation's maps in this order, and where
        // evidence ties the first one stays (Map.copyOf's order changes from one JVM to the next). The whole hours'
        // cells come in the order their source gives them, so this alone does not make two replicas break ties alike.
        Map<VersionSymptom, Long> sorted = new LinkedHashMap<>();
        partial.entrySet().stream()
                .map(e -> Map.entry(Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue())))
                .sorted(Map.Entry.comparingByKey(BY_VERSION_THEN_SYMPTOM))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        this.partial = Collections.unmodifiableMap(sorted);
        this.mostInACell = partial.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Override
    public List<ReleaseInfo> releases(String product, Instant asOf) {
        return source.releases(product, asOf);
    }

    @Override
    public Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to) {
        return source.hourlyActiveInstalls(product, from, to);
    }

    @Override
    public Map<VersionSymptom, Long> customers(String product, Instant from, Instant to) {
        if (!to.isAfter(hour)) {
            return source.customers(product, from, to);
        }
        Map<VersionSymptom, Long> out = new HashMap<>(source.customers(product, from, hour));
        partial.forEach((k, n) -> out.merge(k, n, Long::sum));
        return out;
    }

    @Override
    public Map<VersionSymptom, Long> customersOf(String product, String version, Instant from, Instant to) {
        if (!to.isAfter(hour)) {
            return source.customersOf(product, version, from, to);
        }
        Map<VersionSymptom, Long> out = new HashMap<>(source.customersOf(product, version, from, hour));
        partial.forEach((k, n) -> {
            if (k.version().equals(version)) {
                out.merge(k, n, Long::sum);
            }
        });
        return out;
    }

    /**
     * The windows less their last hour from the source, in its one pass, keeping the symptoms that the hour could
     * lift to {@code keepAtLeast}; then the hour added to every window.
     */
    @Override
    public WindowCounts windowCounts(String product, Instant end, List<Duration> windows, long keepAtLeast) {
        if (!end.isAfter(hour)) {
            return source.windowCounts(product, end, windows, keepAtLeast);
        }
        if (!end.equals(hour.plus(HOUR)) || windows.stream().anyMatch(w -> w.compareTo(HOUR) <= 0)) {
            return DetectionSource.super.windowCounts(product, end, windows, keepAtLeast);
        }
        List<Duration> shorter = windows.stream().map(w -> w.minus(HOUR)).toList();
        WindowCounts before = source.windowCounts(product, hour, shorter, Math.max(0, keepAtLeast - mostInACell));
        return before.plusEach(partial, keepAtLeast);
    }

    @Override
    public void willRead(String product, List<VersionRange> ranges) {
        source.willRead(product, ranges.stream().map(this::clipped).toList());
    }

    @Override
    public List<Map<VersionSymptom, Long>> customersOf(String product, List<VersionRange> ranges) {
        List<Map<VersionSymptom, Long>> read = source.customersOf(product, ranges.stream().map(this::clipped)
                .toList());
        List<Map<VersionSymptom, Long>> out = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            VersionRange r = ranges.get(i);
            if (!r.to().isAfter(hour)) {
                out.add(read.get(i));
                continue;
            }
            Map<VersionSymptom, Long> m = new HashMap<>(read.get(i));
            partial.forEach((k, n) -> {
                if (k.version().equals(r.version())) {
                    m.merge(k, n, Long::sum);
                }
            });
            out.add(m);
        }
        return out;
    }

    @Override
    public Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to) {
        if (!to.isAfter(hour)) {
            return source.hourlyCustomers(product, symptom, from, to);
        }
        int hours = (int) Duration.between(from, to).toHours();
        int at = (int) Duration.between(from, hour).toHours();
        Map<String, long[]> out = new HashMap<>();
        source.hourlyCustomers(product, symptom, from, hour).forEach((v, series) -> {
            long[] longer = new long[hours];
            System.arraycopy(series, 0, longer, 0, Math.min(series.length, hours));
            out.put(v, longer);
        });
        partial.forEach((k, n) -> {
            if (k.symptom().equals(symptom) && at >= 0 && at < hours) {
                out.computeIfAbsent(k.version(), v -> new long[hours])[at] += n;
            }
        });
        return out;
    }

    @Override
    public List<CategoryHours> categoryHours(String product, Instant to) {
        return source.categoryHours(product, to);
    }

    @Override
    public Map<VersionSymptom, Long> partialHour(String product, Instant from, Instant asOf) {
        return partial;
    }

    private VersionRange clipped(VersionRange r) {
        return r.to().isAfter(hour) ? new VersionRange(r.version(), r.from(), hour) : r;
    }
}

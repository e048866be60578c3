package io.releaseradar.detection.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A source that counts each renamed category ({@link CategoryRenames}) under its new key: every read of customers
 * gives the old key's customers added to the new key's, and the old key no more, so that every comparison (the
 * concurrent windows, the predecessor at the same age, the hour-by-hour re-test) sees the new name's history
 * include the old name's.
 *
 * <p>Adding two keys' distinct customers counts a customer twice who wrote under both names within a week on one
 * version. The old name stops when the new one starts, so that is a customer writing across the rename; it counts
 * twice on whichever side of a comparison it falls, by the same rule for the version tested and for its baseline,
 * and a rename that is not found adds nothing. Releases and installs are passed through.
 */
final class RenamedCategorySource implements DetectionSource {

    private final DetectionSource source;
    /** Old key → new key. */
    private final Map<String, String> renames;
    /** New key → its old keys. */
    private final Map<String, List<String>> formerly;

    private RenamedCategorySource(DetectionSource source, Map<String, String> renames) {
        this.source = source;
        this.renames = Map.copyOf(renames);
        this.formerly = oldNames(renames);
    }

    /** {@code source} with {@code renames} (old key → new key) applied; {@code source} itself when there is none. */
    static DetectionSource over(DetectionSource source, Map<String, String> renames) {
        return renames.isEmpty() ? source : new RenamedCategorySource(source, renames);
    }

    /**
     * {@code raw}, the source's windows ending at {@code end}, with each new key's cells summed from its own and its
     * old keys' customers hour by hour (read unfiltered, so a key {@code raw} left out as thin still adds up), and the
     * old keys left out.
     */
    static WindowCounts renamed(WindowCounts raw, DetectionSource source, String product, Instant end,
            List<Duration> windows, long keepAtLeast, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return raw;
        }
        Duration longest = windows.stream().max(Duration::compareTo).orElseThrow();
        int hours = (int) longest.toHours();
        Set<String> dropped = new HashSet<>(renames.keySet());
        dropped.addAll(renames.values());
        Map<String, Map<String, long[]>> added = new HashMap<>();
        for (String key : dropped) {
            String to = renames.getOrDefault(key, key);
            source.hourlyCustomers(product, key, end.minus(longest), end).forEach((v, series) -> {
                long[] counts = added.computeIfAbsent(v, k -> new HashMap<>())
                        .computeIfAbsent(to, k -> new long[windows.size()]);
                for (int w = 0; w < windows.size(); w++) {
                    int from = hours - (int) windows.get(w).toHours();
                    for (int i = Math.max(0, from); i < Math.min(hours, series.length); i++) {
                        counts[w] += series[i];
                    }
                }
            });
        }
        return raw.replacing(dropped, added, keepAtLeast);
    }

    /** Per new key, its old keys (of {@code renames}: old key → new key), sorted. */
    static Map<String, List<String>> oldNames(Map<String, String> renames) {
        Map<String, List<String>> out = new TreeMap<>();
        renames.forEach((from, to) -> out.computeIfAbsent(to, k -> new ArrayList<>()).add(from));
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** The old keys counted under {@code key}, sorted; empty when it is no renamed category. */
    List<String> formerly(String key) {
        return formerly.getOrDefault(key, List.of());
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
        return renamed(source.customers(product, from, to));
    }

    @Override
    public WindowCounts windowCounts(String product, Instant end, List<Duration> windows, long keepAtLeast) {
        return renamed(source.windowCounts(product, end, windows, keepAtLeast), source, product, end, windows,
                keepAtLeast, renames);
    }

    @Override
    public Map<VersionSymptom, Long> customersOf(String product, String version, Instant from, Instant to) {
        return renamed(source.customersOf(product, version, from, to));
    }

    @Override
    public void willRead(String product, List<VersionRange> ranges) {
        source.willRead(product, ranges);
    }

    @Override
    public List<Map<VersionSymptom, Long>> customersOf(String product, List<VersionRange> ranges) {
        return source.customersOf(product, ranges).stream().map(this::renamed).toList();
    }

    /** A new key's customers are its own and its old keys' hour by hour; an old key has none. */
    @Override
    public Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to) {
        if (renames.containsKey(symptom)) {
            return Map.of();
        }
        List<String> old = formerly(symptom);
        if (old.isEmpty()) {
            return source.hourlyCustomers(product, symptom, from, to);
        }
        Map<String, long[]> out = new HashMap<>();
        for (String key : concat(symptom, old)) {
            source.hourlyCustomers(product, key, from, to).forEach((v, series) -> {
                long[] sum = out.get(v);
                if (sum == null) {
                    out.put(v, series.clone());
                } else {
                    for (int i = 0; i < Math.min(sum.length, series.length); i++) {
                        sum[i] += series[i];
                    }
                }
            });
        }
        return out;
    }

    @Override
    public List<CategoryHours> categoryHours(String product, Instant to) {
        return source.categoryHours(product, to);
    }

    @Override
    public Map<VersionSymptom, Long> partialHour(String product, Instant hour, Instant asOf) {
        Map<VersionSymptom, Long> partial = source.partialHour(product, hour, asOf);
        return partial == null ? null : renamed(partial);
    }

    private Map<VersionSymptom, Long> renamed(Map<VersionSymptom, Long> counts) {
        if (counts.keySet().stream().noneMatch(k -> renames.containsKey(k.symptom()))) {
            return counts;
        }
        Map<VersionSymptom, Long> out = new HashMap<>(counts.size() * 2);
        counts.forEach((k, n) -> {
            String to = renames.get(k.symptom());
            out.merge(to == null ? k : new VersionSymptom(k.version(), to), n, Long::sum);
        });
        return out;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }
}

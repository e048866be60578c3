package io.releaseradar.simulation;

import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.detection.core.VersionSymptom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link DetectionSource} over a simulated world, held in memory, built the way the service builds its data:
 *
 * <ul>
 *   <li>rollups: a contact counts in the hour of its {@code receivedAt}, under the version it states, else the
 *       version its customer had installed at {@code receivedAt}, else {@code ""} (unresolved), and under each of
 *       its symptom keys; each cell counts a customer (the customer id, or
 *       {@code contact:<source>:<externalId>} for an anonymous contact) in the hour of their first contact in it,
 *       and again only a week after they were last counted there, so a week's follow-ups count once; all
 *       contacts also counts a customer in an hour where one of the version's symptoms counted them;</li>
 *   <li>exposure: an installation is active at instant t when it began at or before t and the same customer's next
 *       installation of the product had not begun by t.</li>
 * </ul>
 *
 * As in the database, exposure lists every version installed before the end of the asked range (even when none of
 * its installations is active any more), and the rollup maps leave out versions without a contact in the range.
 * Immutable once built; safe to share between threads.
 */
public final class InMemoryDetectionSource implements DetectionSource {

    private static final long HOUR = 3600;
    /** How long a counted customer is not counted again in the same cell: the longest detection window. */
    private static final long COUNTED_FOR_HOURS = 7 * 24;

    private final String product;
    private final List<ReleaseInfo> releases;

    /** Active installs per version at each whole hour from {@code exposureStart} (epoch hours); constant after. */
    private final long exposureStart;
    private final Map<String, long[]> active = new TreeMap<>();
    /** Per version, the first whole hour (epoch hours) at which an installation of it was active. */
    private final Map<String, Long> firstActive = new HashMap<>();

    /** Rollup cells, and per hour from {@code rollupStart} (epoch hours) the cells with their customer counts. */
    private final List<VersionSymptom> cells = new ArrayList<>();
    private final long rollupStart;
    private final int[] hourOffset;
    private final int[] hourCells;
    private final long[] hourCounts;
    /** symptom → version → sorted (epoch hour, customers) pairs. */
    private final Map<String, Map<String, long[][]>> bySymptom = new HashMap<>();

    /** From a simulated world. */
    public static InMemoryDetectionSource of(SimulatedWorld world) {
        return new InMemoryDetectionSource(world.product(), world.releases(), world.installations(),
                world.contacts());
    }

    /**
     * From hand-made parts (tests). Installations and contacts of other products are ignored.
     *
     * @param releases the catalogue
     * @param installations the installation history (any order)
     * @param contacts the contacts (any order)
     */
    public InMemoryDetectionSource(String product, List<ReleaseInfo> releases,
            List<SimulatedWorld.Installation> installations, List<SimulatedWorld.Contact> contacts) {
        this.product = product;
        this.releases = releases.stream().sorted(Comparator.comparing(ReleaseInfo::releasedAt)).toList();

        Map<String, List<SimulatedWorld.Installation>> histories = new HashMap<>();
        for (SimulatedWorld.Installation i : installations) {
            if (i.product().equals(product)) {
                histories.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i);
            }
        }
        histories.values().forEach(h -> h.sort(Comparator.comparing(SimulatedWorld.Installation::installedAt)));
        this.exposureStart = buildExposure(histories);

        Map<VersionSymptom, Map<Long, Set<String>>> distinct = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SimulatedWorld.Contact c : contacts) {
            if (!c.product().equals(product)) {
                continue;
            }
            long hour = Math.floorDiv(c.receivedAt().getEpochSecond(), HOUR);
            first = Math.min(first, hour);
            last = Math.max(last, hour);
            String version = c.version() != null ? c.version() : resolve(histories.get(c.customerId()),
                    c.receivedAt());
            String customer = c.customerId() != null ? c.customerId()
                    : "contact:" + c.source() + ":" + c.externalId();
            for (String symptom : SymptomKeys.of(c.category(), c.subject(), c.body())) {
                distinct.computeIfAbsent(new VersionSymptom(version, symptom), k -> new HashMap<>())
                        .computeIfAbsent(hour, k -> new HashSet<>(2)).add(customer);
            }
        }
        // symptoms first; all contacts then also counts, in an hour, whoever a symptom counted in it
        Map<String, Map<Long, Set<String>>> countedUnderASymptom = new HashMap<>();
        distinct.forEach((cell, byHour) -> {
            if (!cell.symptom().isEmpty()) {
                countOncePerWeek(byHour, Map.of());
                Map<Long, Set<String>> counted = countedUnderASymptom.computeIfAbsent(cell.version(),
                        k -> new HashMap<>());
                byHour.forEach((hour, customers) -> counted.computeIfAbsent(hour, k -> new HashSet<>())
                        .addAll(customers));
            }
        });
        distinct.forEach((cell, byHour) -> {
            if (cell.symptom().isEmpty()) {
                countOncePerWeek(byHour, countedUnderASymptom.getOrDefault(cell.version(), Map.of()));
            }
        });
        this.rollupStart = first == Long.MAX_VALUE ? 0 : first;
        int hours = first == Long.MAX_VALUE ? 0 : (int) (last - first + 1);
        int[] perHour = new int[hours + 1];
        int entries = 0;
        for (Map<Long, Set<String>> byHour : distinct.values()) {
            for (Long h : byHour.keySet()) {
                perHour[(int) (h - rollupStart) + 1]++;
                entries++;
            }
        }
        for (int h = 0; h < hours; h++) {
            perHour[h + 1] += perHour[h];
        }
        this.hourOffset = perHour.clone();
        this.hourCells = new int[entries];
        this.hourCounts = new long[entries];
        int[] fill = perHour;
        distinct.entrySet().stream().sorted(Map.Entry.comparingByKey(
                Comparator.comparing(VersionSymptom::version).thenComparing(VersionSymptom::symptom)))
                .forEach(e -> {
                    int id = cells.size();
                    cells.add(e.getKey());
                    TreeMap<Long, Set<String>> sorted = new TreeMap<>(e.getValue());
                    long[][] series = new long[sorted.size()][];
                    int i = 0;
                    for (Map.Entry<Long, Set<String>> h : sorted.entrySet()) {
                        int slot = fill[(int) (h.getKey() - rollupStart)]++;
                        hourCells[slot] = id;
                        hourCounts[slot] = h.getValue().size();
                        series[i++] = new long[] {h.getKey(), h.getValue().size()};
                    }
                    bySymptom.computeIfAbsent(e.getKey().symptom(), k -> new HashMap<>())
                            .put(e.getKey().version(), series);
                });
    }

    /**
     * Keeps, in each hour of one cell, only the customers counted for the first time in the last week: a customer is
     * counted at their first contact in the cell, then again only once a full week has passed since they were last
     * counted. So any window of up to a week counts a customer at most once, whatever follow-ups they send (as
     * the database's rollups do). The all-contacts cell also counts, in an hour, whoever {@code alsoCounted} holds
     * for that hour (those a symptom of the version counted then), so that no symptom of a version ever counts more
     * customers than all its contacts.
     */
    private static void countOncePerWeek(Map<Long, Set<String>> byHour, Map<Long, Set<String>> alsoCounted) {
        Map<String, Long> counted = new HashMap<>();
        new TreeMap<>(byHour).forEach((hour, customers) -> {
            Set<String> also = alsoCounted.getOrDefault(hour, Set.of());
            customers.removeIf(c -> {
                Long last = counted.get(c);
                if (last != null && hour - last < COUNTED_FOR_HOURS && !also.contains(c)) {
                    return true;
                }
                counted.put(c, hour);
                return false;
            });
            if (customers.isEmpty()) {
                byHour.remove(hour);
            }
        });
    }

    /** The version the customer ran at t: their latest installation that began at or before t; "" if none. */
    private static String resolve(List<SimulatedWorld.Installation> history, Instant t) {
        if (history == null) {
            return "";
        }
        String version = "";
        for (SimulatedWorld.Installation i : history) {
            if (i.installedAt().isAfter(t)) {
                break;
            }
            version = i.version();
        }
        return version;
    }

    private long buildExposure(Map<String, List<SimulatedWorld.Installation>> histories) {
        // +1 at the first whole hour at or after the installation began, -1 at the first whole hour at or after the
        // next one began (active at t means installedAt <= t < next installedAt)
        Map<String, TreeMap<Long, Long>> steps = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (List<SimulatedWorld.Installation> history : histories.values()) {
            for (int i = 0; i < history.size(); i++) {
                SimulatedWorld.Installation inst = history.get(i);
                long on = ceilHour(inst.installedAt());
                TreeMap<Long, Long> s = steps.computeIfAbsent(inst.version(), k -> new TreeMap<>());
                s.merge(on, 1L, Long::sum);
                firstActive.merge(inst.version(), on, Math::min);
                first = Math.min(first, on);
                last = Math.max(last, on);
                if (i + 1 < history.size()) {
                    long off = ceilHour(history.get(i + 1).installedAt());
                    s.merge(off, -1L, Long::sum);
                    last = Math.max(last, off);
                }
            }
        }
        if (first == Long.MAX_VALUE) {
            return 0;
        }
        int hours = (int) (last - first + 1);
        for (Map.Entry<String, TreeMap<Long, Long>> e : steps.entrySet()) {
            long[] counts = new long[hours];
            long running = 0;
            int h = 0;
            for (Map.Entry<Long, Long> step : e.getValue().entrySet()) {
                int at = (int) (step.getKey() - first);
                for (; h < at; h++) {
                    counts[h] = running;
                }
                running += step.getValue();
            }
            for (; h < hours; h++) {
                counts[h] = running;
            }
            active.put(e.getKey(), counts);
        }
        return first;
    }

    private static long ceilHour(Instant t) {
        return Math.floorDiv(t.getEpochSecond() + HOUR - 1, HOUR);
    }

    private static long hourOf(Instant wholeHour) {
        if (!wholeHour.truncatedTo(ChronoUnit.HOURS).equals(wholeHour)) {
            throw new IllegalArgumentException("not a whole hour: " + wholeHour);
        }
        return wholeHour.getEpochSecond() / HOUR;
    }

    @Override
    public List<ReleaseInfo> releases(String product, Instant asOf) {
        if (!this.product.equals(product)) {
            return List.of();
        }
        return releases.stream().filter(r -> !r.releasedAt().isAfter(asOf)).toList();
    }

    @Override
    public Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to) {
        long f = hourOf(from);
        int n = (int) Math.max(0, hourOf(to) - f);
        Map<String, long[]> out = new LinkedHashMap<>();
        if (!this.product.equals(product)) {
            return out;
        }
        for (Map.Entry<String, long[]> e : active.entrySet()) {
            if (firstActive.get(e.getKey()) > f + n) {
                // nobody had installed it by the end of the range: the database, read as of then, has no such version
                continue;
            }
            long[] counts = e.getValue();
            long[] slice = new long[n];
            for (int i = 0; i < n; i++) {
                long idx = f + i - exposureStart;
                slice[i] = idx < 0 ? 0 : counts[(int) Math.min(idx, counts.length - 1)];
            }
            out.put(e.getKey(), slice);
        }
        return out;
    }

    @Override
    public Map<VersionSymptom, Long> customers(String product, Instant from, Instant to) {
        Map<Integer, Long> sums = new HashMap<>();
        if (this.product.equals(product)) {
            int lo = (int) Math.max(0, Math.min(hourOf(from) - rollupStart, hourOffset.length - 1));
            int hi = (int) Math.max(0, Math.min(hourOf(to) - rollupStart, hourOffset.length - 1));
            for (int slot = hourOffset[lo]; slot < hourOffset[hi]; slot++) {
                sums.merge(hourCells[slot], hourCounts[slot], Long::sum);
            }
        }
        Map<VersionSymptom, Long> out = new HashMap<>(sums.size() * 2);
        sums.forEach((cell, n) -> out.put(cells.get(cell), n));
        return out;
    }

    @Override
    public Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to) {
        long f = hourOf(from);
        long t = hourOf(to);
        Map<String, long[]> out = new TreeMap<>();
        Map<String, long[][]> versions = this.product.equals(product) ? bySymptom.get(symptom) : null;
        if (versions == null || t <= f) {
            return out;
        }
        versions.forEach((version, series) -> {
            int i = lowerBound(series, f);
            if (i < series.length && series[i][0] < t) {
                long[] counts = new long[(int) (t - f)];
                for (; i < series.length && series[i][0] < t; i++) {
                    counts[(int) (series[i][0] - f)] = series[i][1];
                }
                out.put(version, counts);
            }
        });
        return out;
    }

    @Override
    public List<CategoryHours> categoryHours(String product, Instant to) {
        List<CategoryHours> out = new ArrayList<>();
        if (!this.product.equals(product)) {
            return out;
        }
        long t = hourOf(to);
        bySymptom.forEach((symptom, versions) -> {
            if (symptom.startsWith(Symptoms.CATEGORY_PREFIX)) {
                versions.forEach((version, series) -> {
                    int end = lowerBound(series, t);
                    if (end > 0) {
                        out.add(new CategoryHours(symptom, version, Instant.ofEpochSecond(series[0][0] * HOUR),
                                Instant.ofEpochSecond(series[end - 1][0] * HOUR)));
                    }
                });
            }
        });
        return out;
    }

    /** Every symptom key with at least one contact (the reference detectors test each). */
    public Set<String> symptoms() {
        return bySymptom.keySet();
    }

    private static int lowerBound(long[][] series, long hour) {
        int lo = 0;
        int hi = series.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (series[mid][0] < hour) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return "InMemoryDetectionSource[" + product + ", " + releases.size() + " releases, " + cells.size()
                + " rollup cells over " + (hourOffset.length - 1) + " hours]";
    }
}

package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the evaluator reads, in event time. Two implementations: the database (hourly rollups and installation
 * history) and the simulator's memory, so that the quality benchmark measures the code that runs live.
 * Every instant given here is a whole hour but {@link #partialHour}'s {@code asOf}; ranges are half-open [from, to).
 */
public interface DetectionSource {

    /** Releases of the product with {@code releasedAt <= asOf}. */
    List<ReleaseInfo> releases(String product, Instant asOf);

    /**
     * Active installs of each version for each hour of [from, to): element i is the number of installations that
     * had begun by {@code from + i hours} and not ended by then. Hours before any install are 0.
     */
    Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to);

    /**
     * Customers per (version, symptom) over [from, to), summed over the hourly rollups; zeros omitted. A rollup hour
     * counts a customer when they were not counted under the same (version, symptom) in the week before, so a window
     * of up to a week counts each customer once, however many follow-ups they sent.
     */
    Map<VersionSymptom, Long> customers(String product, Instant from, Instant to);

    /**
     * {@link #customers} over several windows ending at {@code end}, counts in the order of the windows given,
     * leaving out the symptoms that have fewer than {@code keepAtLeast} customers on every version in every window
     * ({@link WindowCounts.Builder#build(long)}). A source may read them in one pass.
     */
    default WindowCounts windowCounts(String product, Instant end, List<java.time.Duration> windows,
            long keepAtLeast) {
        return WindowCounts.of(windows.stream().map(w -> customers(product, end.minus(w), end)).toList(),
                keepAtLeast);
    }

    /** {@link #customers} of one version only. */
    default Map<VersionSymptom, Long> customersOf(String product, String version, Instant from, Instant to) {
        Map<VersionSymptom, Long> out = new java.util.HashMap<>();
        customers(product, from, to).forEach((k, n) -> {
            if (k.version().equals(version)) {
                out.put(k, n);
            }
        });
        return out;
    }

    /** One version's hours [from, to). */
    record VersionRange(String version, Instant from, Instant to) {
    }

    /**
     * A hint, given before the other reads of an evaluation of the product: it will ask for the product's active
     * installs and for {@link #customersOf(String, List)} of these ranges. A source may start reading them now,
     * beside the rest; the answers must not change.
     */
    default void willRead(String product, List<VersionRange> ranges) {
    }

    /** {@link #customersOf} of each range, in the order given. A source may read them in one pass. */
    default List<Map<VersionSymptom, Long>> customersOf(String product, List<VersionRange> ranges) {
        return ranges.stream().map(r -> customersOf(product, r.version(), r.from(), r.to())).toList();
    }

    /** A helpdesk category key's first and last hour with customers on one version. */
    record CategoryHours(String symptom, String version, Instant first, Instant last) {
    }

    /**
     * Each category key's ({@link Symptoms#CATEGORY_PREFIX}) first and last hour with customers per version, over the
     * whole hours before {@code to}: what {@link CategoryRenames} finds renames in. Only data before {@code to}, so
     * that a replay finds what live found. The default has none (then no rename is found).
     */
    default List<CategoryHours> categoryHours(String product, Instant to) {
        return List.of();
    }

    /** Customers of the given symptom per version, per hour of [from, to), counted as in {@link #customers}. */
    Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to);

    /**
     * Customers per (version, symptom) of the contacts received in [hour, asOf), the current and unfinished hour
     * (hour = asOf truncated to the hour), so that a live contact counts at the next evaluation instead of when its
     * hour closes. From contacts received before {@code asOf} only, so that a replay as of a past instant answers as
     * the live evaluation did then. A customer counts under a (version, symptom) unless they had a contact under it
     * in the week before the hour: stricter than the rollups' weekly rule (counted again a week after they were last
     * counted), so a cell never counts more than its rollup will once the hour closes. Zeros omitted.
     *
     * @return null when the source counts whole hours only (the default; the simulator's): the evaluation's windows
     *     then end at {@code hour}, and the hour counts once it has closed
     */
    default Map<VersionSymptom, Long> partialHour(String product, Instant hour, Instant asOf) {
        return null;
    }
}

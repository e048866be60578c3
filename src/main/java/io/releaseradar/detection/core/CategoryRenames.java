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
 * Finds helpdesk category renames in a product's history (issue 21, property 6), so that a renamed category keeps
 * its history instead of starting as a "new" symptom. Plain Java, from the first and last hour of each category on
 * each version ({@link DetectionSource#categoryHours}), so the answer depends on the data before the evaluation's
 * hour only and a replay finds what live found.
 *
 * <p>Category {@code old} was renamed to {@code new} when all of these hold:
 * <ul>
 *   <li>{@code new} first appeared after {@code old} did, and {@link #SPAN} has passed since (the evidence below is
 *       complete);</li>
 *   <li>{@code old} had customers on at least two versions in the {@link #BEFORE} week before {@code new}'s first
 *       hour, and {@code new} appeared within {@link #SPAN} of its first hour on at least two of them and on at least
 *       half of them: a rename reaches every version at once;</li>
 *   <li>{@code old}'s last hour on any version is within half of {@link #SPAN} of {@code new}'s first hour, before or
 *       after: the old name stopped, and has been silent for at least half the span since.</li>
 * </ul>
 * A genuinely new symptom of one version (an incident) appears on that version only, and nothing stops when it
 * starts, so it is never mapped. When several old names qualify, the one whose last hour is nearest {@code new}'s
 * first hour is taken (then the first by name); an old name maps to one new name only (the nearest again), and
 * chains ({@code a → b}, later {@code b → c}) map every old name to the last one.
 */
public final class CategoryRenames {

    /** How long a rename takes to reach the versions, and how long the old name must then stay silent (half). */
    public static final Duration SPAN = Duration.ofHours(48);
    /** How far back the old name must have been in use on the versions the new one reaches. */
    public static final Duration BEFORE = Duration.ofDays(7);

    private CategoryRenames() {
    }

    /** One category key over all versions: first and last hour, and each version's first and last hour. */
    private record Category(String key, Instant first, Instant last, Map<String, Instant[]> versions) {
    }

    /**
     * The renames found in {@code hours} as of {@code end} (the first hour after the data given): old category key →
     * the key it counts under now. Empty when there is none.
     */
    public static Map<String, String> find(List<DetectionSource.CategoryHours> hours, Instant end) {
        return find(hours, end, Instant.MIN);
    }

    /**
     * {@link #find(List, Instant)}, less the old keys with no customers at or after {@code since}: an evaluation
     * that reads nothing before {@code since} has nothing of them to count under the new key.
     */
    public static Map<String, String> find(List<DetectionSource.CategoryHours> hours, Instant end, Instant since) {
        Map<String, Category> categories = categories(hours);
        Duration half = SPAN.dividedBy(2);
        Map<String, String> direct = new TreeMap<>();
        Map<String, Duration> nearest = new HashMap<>();
        for (Category nu : categories.values()) {
            if (nu.first().plus(SPAN).isAfter(end)) {
                continue;
            }
            Set<String> reached = new HashSet<>();
            nu.versions().forEach((v, span) -> {
                if (!span[0].isAfter(nu.first().plus(SPAN))) {
                    reached.add(v);
                }
            });
            Category best = null;
            Duration bestGap = null;
            for (Category old : categories.values()) {
                if (!old.first().isBefore(nu.first())) {
                    continue;
                }
                Duration gap = Duration.between(old.last(), nu.first()).abs();
                if (gap.compareTo(half) > 0 || !reachesVersionsOf(old, nu.first(), reached)) {
                    continue;
                }
                if (best == null || gap.compareTo(bestGap) < 0) {
                    best = old;
                    bestGap = gap;
                }
            }
            if (best != null) {
                Duration earlier = nearest.get(best.key());
                if (earlier == null || bestGap.compareTo(earlier) < 0) {
                    direct.put(best.key(), nu.key());
                    nearest.put(best.key(), bestGap);
                }
            }
        }
        Map<String, String> out = new TreeMap<>(chainsFollowed(direct));
        out.keySet().removeIf(old -> categories.get(old).last().isBefore(since));
        return Map.copyOf(out);
    }

    /** Whether the new name reached at least two, and at least half, of the versions that used the old name lately. */
    private static boolean reachesVersionsOf(Category old, Instant newFirst, Set<String> reached) {
        Instant since = newFirst.minus(BEFORE);
        int used = 0;
        int alsoNew = 0;
        for (Map.Entry<String, Instant[]> e : old.versions().entrySet()) {
            Instant[] span = e.getValue();
            if (!span[1].isBefore(since) && span[0].isBefore(newFirst)) {
                used++;
                if (reached.contains(e.getKey())) {
                    alsoNew++;
                }
            }
        }
        return alsoNew >= 2 && 2 * alsoNew >= used;
    }

    private static Map<String, Category> categories(List<DetectionSource.CategoryHours> hours) {
        Map<String, Map<String, Instant[]>> byKey = new TreeMap<>();
        for (DetectionSource.CategoryHours h : hours) {
            Instant[] span = byKey.computeIfAbsent(h.symptom(), k -> new TreeMap<>())
                    .computeIfAbsent(h.version(), k -> new Instant[] {h.first(), h.last()});
            span[0] = h.first().isBefore(span[0]) ? h.first() : span[0];
            span[1] = h.last().isAfter(span[1]) ? h.last() : span[1];
        }
        Map<String, Category> out = new TreeMap<>();
        byKey.forEach((key, versions) -> {
            Instant first = null;
            Instant last = null;
            for (Instant[] span : versions.values()) {
                first = first == null || span[0].isBefore(first) ? span[0] : first;
                last = last == null || span[1].isAfter(last) ? span[1] : last;
            }
            out.put(key, new Category(key, first, last, versions));
        });
        return out;
    }

    /** Each old name to the name at the end of its chain (a later rename of the new name is followed). */
    private static Map<String, String> chainsFollowed(Map<String, String> direct) {
        Map<String, String> out = new TreeMap<>();
        for (String from : direct.keySet()) {
            String to = direct.get(from);
            List<String> seen = new ArrayList<>(List.of(from));
            while (direct.containsKey(to) && !seen.contains(to)) {
                seen.add(to);
                to = direct.get(to);
            }
            out.put(from, to);
        }
        return out;
    }
}

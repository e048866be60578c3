package io.releaseradar.detection.core;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Replays the evaluator hourly over a period, as if live and as if nobody ever acted on an alert: a version's alert
 * opens at its first finding and stays open, its severity rising with stronger findings (what the alert lifecycle
 * does without manual transitions). Records, per version, the hours it had enough data to be judged, and for each
 * alert when it first reached each severity with the installs a notice would have gone to then. Reads the source
 * only as each step would have (every window ends at or before the step); plain Java, nothing stored or sent.
 */
public final class UnattendedReplay {

    private static final Duration HOUR = Duration.ofHours(1);

    private UnattendedReplay() {
    }

    /**
     * When a replayed alert first reached a severity (or above), and who ran what then.
     *
     * @param versionInstalls active installs of the alert's version at that hour
     * @param earlierInstalls active installs of the product's versions released before it (not yet upgraded)
     */
    public record Reach(Instant at, long versionInstalls, long earlierInstalls) {
    }

    /**
     * An alert the replay would have opened; {@code severity} is the highest it reached, {@code summary} the one of
     * its opening finding.
     */
    public record ReplayedAlert(String version, Instant openedAt, Severity severity, String summary,
            Map<Severity, Reach> reached) {

        public ReplayedAlert {
            reached = Collections.unmodifiableMap(new EnumMap<>(reached.isEmpty()
                    ? Map.of(severity, new Reach(openedAt, 0, 0)) : reached));
        }

        /** When it first reached {@code level} or above; empty when it never did. */
        public Optional<Reach> reached(Severity level) {
            return Optional.ofNullable(reached.get(level));
        }
    }

    /**
     * The replay's outcome.
     *
     * @param evaluations hourly evaluations run
     * @param judgedHours per version, the evaluation hours at which it had enough data to raise an alert, ascending
     */
    public record Replay(String product, Instant from, Instant to, int evaluations, List<ReplayedAlert> alerts,
            Map<String, List<Instant>> judgedHours) {

        public Replay {
            alerts = List.copyOf(alerts);
            Map<String, List<Instant>> copy = new TreeMap<>();
            judgedHours.forEach((v, hours) -> copy.put(v, List.copyOf(hours)));
            judgedHours = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Evaluates {@code product} at every whole hour of [from, to] with {@code settings}, each evaluation from a source
     * of its own: a stored source keeps state that belongs to one evaluation.
     */
    public static Replay run(String product, Instant from, Instant to, Supplier<? extends DetectionSource> sources,
            DetectionSettings settings) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        if (first.isBefore(from)) {
            first = first.plus(HOUR);
        }
        Map<String, ReplayedAlert> alerts = new LinkedHashMap<>();
        Map<String, List<Instant>> judged = new HashMap<>();
        int evaluations = 0;
        for (Instant t = first; !t.isAfter(to); t = t.plus(HOUR)) {
            DetectionSource source = sources.get();
            Evaluation e = Evaluator.evaluate(product, t, source, settings);
            evaluations++;
            Map<String, Long> installs = new HashMap<>();
            for (VersionHealth h : e.health()) {
                installs.put(h.version(), h.activeInstalls());
                if (h.enoughData()) {
                    judged.computeIfAbsent(h.version(), v -> new ArrayList<>()).add(t);
                }
            }
            Map<String, Instant> released = null;
            for (Finding f : e.findings()) {
                if (f.version() == null) {
                    continue; // product-wide: never a version alert, and no policy notice names it
                }
                ReplayedAlert was = alerts.get(f.version());
                if (was != null && f.severity().compareTo(was.severity()) <= 0) {
                    continue; // no higher than before: what a policy sees of the alert stays as it is
                }
                if (released == null) {
                    released = releasedAt(source, product, t);
                }
                Reach reach = new Reach(t, installs.getOrDefault(f.version(), 0L),
                        earlierInstalls(f.version(), released, installs));
                Map<Severity, Reach> reached = new EnumMap<>(Severity.class);
                if (was != null) {
                    reached.putAll(was.reached());
                }
                for (Severity s : Severity.values()) {
                    if (f.severity().atLeast(s)) {
                        reached.putIfAbsent(s, reach);
                    }
                }
                alerts.put(f.version(), was == null
                        ? new ReplayedAlert(f.version(), t, f.severity(), f.summary(), reached)
                        : new ReplayedAlert(was.version(), was.openedAt(), f.severity(), was.summary(), reached));
            }
        }
        return new Replay(product, first, to, evaluations, new ArrayList<>(alerts.values()), judged);
    }

    private static Map<String, Instant> releasedAt(DetectionSource source, String product, Instant t) {
        Map<String, Instant> out = new HashMap<>();
        for (ReleaseInfo r : source.releases(product, t)) {
            out.put(r.version(), r.releasedAt());
        }
        return out;
    }

    /** Installs of the versions released before {@code version}: the "not yet upgraded" customers of a notice. */
    static long earlierInstalls(String version, Map<String, Instant> released, Map<String, Long> installs) {
        Instant own = released.get(version);
        if (own == null) {
            return 0;
        }
        long n = 0;
        for (Map.Entry<String, Long> e : installs.entrySet()) {
            Instant at = released.get(e.getKey());
            if (at != null && at.isBefore(own)) {
                n += e.getValue();
            }
        }
        return n;
    }
}

package io.releaseradar.simulation;

import io.releaseradar.alerts.AlertLifecycle;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.Evaluator;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the notices feature would have to work with in a simulated world: when the alert about an incident opened
 * and when it reached each severity, who the audience ALL was at an instant, and when each affected customer first
 * contacted support about the incident. Feeds {@link NoticeTiming}.
 */
public final class NoticeReplay {

    private NoticeReplay() {
    }

    /**
     * How the alert of an incident's version developed, from the incident's onset on.
     *
     * @param openedAt the evaluation that opened it, null when none did
     * @param reached per severity, the first evaluation at which the alert had at least that severity (absent: never)
     */
    public record AlertTimeline(Instant openedAt, Map<Severity, Instant> reached) {

        public AlertTimeline {
            reached = Map.copyOf(reached);
        }

        /** The first evaluation at which the alert had at least {@code severity}; null when it never did. */
        public Instant reached(Severity severity) {
            return reached.get(severity);
        }
    }

    /**
     * Replays the evaluator hourly from the incident's onset and follows the version's alert through the service's
     * own {@link AlertLifecycle}: it opens at the first finding, and a stronger finding raises its severity, never
     * lowers it. Findings before the onset are left out, as the quality benchmark counts them as false alerts (an
     * alert that opened early would make a notice look timely by luck). Nobody resolves or dismisses the alert. Stops
     * once the alert is CRITICAL: nothing after that can change the timeline.
     */
    public static AlertTimeline timeline(SimulatedWorld world, int incident, DetectionSource source,
            DetectionSettings settings) {
        SimulatedWorld.Incident truth = world.incidents().get(incident);
        AlertLifecycle lifecycle = AlertLifecycle.defaults();
        AlertLifecycle.Latest latest = null;
        Instant openedAt = null;
        Map<Severity, Instant> reached = new EnumMap<>(Severity.class);
        for (Instant asOf : DetectionReplay.hours(world)) {
            if (asOf.isBefore(truth.onset())) {
                continue;
            }
            Finding finding = Evaluator.evaluate(world.product(), asOf, source, settings).findings().stream()
                    .filter(f -> truth.version().equals(f.version())).findFirst().orElse(null);
            if (finding == null) {
                continue;
            }
            AlertLifecycle.Decision d = lifecycle.decide(latest, finding, asOf);
            if (!d.changes()) {
                continue;
            }
            openedAt = openedAt == null ? asOf : openedAt;
            latest = new AlertLifecycle.Latest(AlertView.Status.OPEN, d.severity(), d.score());
            for (Severity s : Severity.values()) {
                if (d.severity().atLeast(s)) {
                    reached.putIfAbsent(s, asOf);
                }
            }
            if (d.severity() == Severity.CRITICAL) {
                break;
            }
        }
        return new AlertTimeline(openedAt, reached);
    }

    /**
     * The audience ALL of a notice about {@code version} at {@code at}: customers whose installation at {@code at}
     * is that version (INSTALLED) or a version released before it (NOT_YET_UPGRADED), in customer-id order (the
     * order a paged database query would mail them in). The simulator has no opted-out customers.
     */
    public static List<String> audienceAll(SimulatedWorld world, String version, Instant at) {
        Map<String, Instant> released = new HashMap<>();
        for (ReleaseInfo r : world.releases()) {
            released.put(r.version(), r.releasedAt());
        }
        Instant bad = released.get(version);
        Map<String, SimulatedWorld.Installation> current = new TreeMap<>();
        for (SimulatedWorld.Installation i : world.installations()) {
            if (i.product().equals(world.product()) && !i.installedAt().isAfter(at)) {
                current.merge(i.customerId(), i, (a, b) -> b.installedAt().isAfter(a.installedAt()) ? b : a);
            }
        }
        List<String> audience = new ArrayList<>();
        current.forEach((customer, i) -> {
            Instant r = released.get(i.version());
            if (i.version().equals(version) || (r != null && r.isBefore(bad))) {
                audience.add(customer);
            }
        });
        return audience;
    }

    /**
     * Per affected customer (the real one, also behind an anonymous contact), their first contact caused by the
     * incident. The simulator tags each extra contact an incident makes with its cause and index; everyday contacts
     * in the same category on the bad version are background, as they would have come anyway.
     */
    public static Map<String, Instant> firstRelatedContacts(SimulatedWorld world, int incident) {
        Map<String, Instant> first = new LinkedHashMap<>();
        for (SimulatedWorld.Contact c : world.contacts()) {
            if (c.cause() == Cause.INCIDENT && c.incident() == incident) {
                first.merge(c.actualCustomerId(), c.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }
}

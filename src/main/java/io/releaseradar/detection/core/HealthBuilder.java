package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.Candidate.round;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A version's health: its status and risk from its finding, else from its near misses (WATCH), and its contact rate
 * over the last 24 h against the other versions', per 1,000 active installs per day.
 */
final class HealthBuilder {

    private HealthBuilder() {
    }

    /** The version's health, given its finding (or null) and its near misses. */
    static VersionHealth health(EvaluationInput in, String v, Finding f, List<Candidate> nearMisses) {
        HourlySeries allContacts = in.allContacts();
        Instant end = in.end();
        Duration day = Duration.ofHours(24);
        Instant from = end.minus(day);
        long contacts = allContacts.sum(v, from, end);
        long others = 0;
        for (String u : in.versions()) {
            if (!u.equals(v)) {
                others += allContacts.sum(u, from, end);
            }
        }
        double ev = in.exposure(v, day), eo = in.othersExposure(v, day);
        double rate = ev > 0 ? contacts / (ev / 24) * 1000 : 0;
        double baseline = eo > 0 ? others / (eo / 24) * 1000 : 0;
        double ratio = baseline > 0 ? rate / baseline : rate > 0 ? Double.POSITIVE_INFINITY : 1;
        boolean enough = in.enoughData(v);
        VersionHealth.Status status;
        int risk;
        List<Signal> top;
        if (f != null) {
            status = switch (f.severity()) {
                case CRITICAL -> VersionHealth.Status.CRITICAL;
                case HIGH, MEDIUM -> VersionHealth.Status.AT_RISK;
                case LOW -> VersionHealth.Status.WATCH;
            };
            risk = (int) Math.min(100, Math.round(40 + f.score() * 6));
            top = f.signals().subList(0, Math.min(3, f.signals().size()));
        } else if (enough && !nearMisses.isEmpty()) {
            status = VersionHealth.Status.WATCH;
            double best = nearMisses.stream().mapToDouble(Candidate::p).min().orElse(1);
            risk = (int) Math.min(39, Math.round(-Math.log10(best) * 10));
            top = nearMisses.stream().sorted(Comparator.comparingDouble(Candidate::p)).limit(3)
                    .map(c -> c.signal(-Math.log10(Math.max(c.p(), 1e-300)))).toList();
        } else {
            status = VersionHealth.Status.HEALTHY;
            risk = 0;
            top = List.of();
        }
        return new VersionHealth(in.product(), v, in.asOf(), status, risk, in.activeInstalls(v), contacts,
                round(rate), round(baseline), Double.isFinite(ratio) ? round(ratio) : 0, top, enough);
    }
}

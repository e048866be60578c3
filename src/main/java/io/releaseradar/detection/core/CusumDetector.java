package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.Candidate.round;

import io.releaseradar.detection.stats.Cusum;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A daily CUSUM of a version's contacts as a whole since its release (at most {@code cusumDays}), each day's
 * expectation from the other versions' rate that day: catches slow ramps that no single window shows. In control up
 * to the all-contacts margin, so it looks for an excess beyond it, not any excess.
 */
final class CusumDetector {

    private CusumDetector() {
    }

    /** The version's CUSUM signal, or null when it stays in control. */
    static Signal signal(EvaluationInput in, String v) {
        DetectionSettings s = in.settings();
        Instant end = in.end();
        HourlySeries contacts = in.allContacts();
        HourlySeries installs = in.installs();
        ReleaseInfo mine = in.releases().get(v);
        Instant from = end.minus(Duration.ofDays(s.cusumDays()));
        if (mine != null && mine.releasedAt().isAfter(from)) {
            Instant rel = mine.releasedAt().truncatedTo(ChronoUnit.HOURS);
            long days = Math.max(1, Duration.between(rel, end).toDays());
            from = end.minus(Duration.ofDays(days));
        }
        List<Cusum.Step> steps = new ArrayList<>();
        long observed = 0;
        double expected = 0;
        for (Instant d = from; d.isBefore(end); d = d.plus(Duration.ofDays(1))) {
            Instant e = d.plus(Duration.ofDays(1));
            long x = contacts.sum(v, d, e);
            double ev = installs.hours(v, d, e);
            long y = 0;
            double eo = 0;
            for (String u : in.versions()) {
                if (!u.equals(v)) {
                    y += contacts.sum(u, d, e);
                    eo += installs.hours(u, d, e);
                }
            }
            // a day whose other versions drew fewer customers than a signal needs is no baseline: the step
            // would take their rate as exact, and on a version that runs on most installs that noise adds up
            if (eo <= 0 || ev <= 0 || y < s.minCustomers()) {
                continue;
            }
            double mu = y / eo * ev;
            steps.add(new Cusum.Step((int) x, mu));
            observed += x;
            expected += mu;
        }
        if (steps.isEmpty()) {
            return null;
        }
        double margin = s.relevance().allContactsMargin();
        List<Cusum.Step> beyond = steps.stream().map(x -> new Cusum.Step(x.observed(), x.expected() * margin))
                .toList();
        Cusum.Path path = Cusum.run(beyond, s.cusumRateFactor(), s.cusumThreshold());
        double last = path.statistic().get(path.statistic().size() - 1);
        double k = s.relevance().pseudoCustomers();
        double ratio = (observed + k) / (expected + k);
        if (last < s.cusumThreshold() || observed < s.minCustomers() || ratio < margin) {
            return null;
        }
        return new Signal(null, Duration.ofDays(steps.size()), observed, round(observed / ratio), round(ratio),
                round(Math.min(Multiplicity.SCORE_CAP, last / Math.log(10))), Signal.Baseline.CUSUM_SINCE_RELEASE);
    }
}

package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.Bcpnn;
import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A version's last 24 h against its predecessor's 24 h at the same age since release, per symptom: the baseline
 * when no other version runs. A thin predecessor day (fewer customers than {@code minBaselineCustomers}) is no
 * evidence and gives no tests.
 */
final class PredecessorDetector {

    private PredecessorDetector() {
    }

    /** The tests of every version that has a predecessor day ({@link EvaluationInput#predecessorWindows}). */
    static List<Candidate> tests(EvaluationInput in) {
        List<EvaluationInput.PredecessorWindow> windows = in.predecessorWindows();
        List<Candidate> out = new ArrayList<>();
        // asked even when empty: a source that started reading ahead then finishes before the evaluation does
        List<Map<VersionSymptom, Long>> then = in.predecessorCustomers();
        for (int i = 0; i < windows.size(); i++) {
            out.addAll(tests(in, windows.get(i), then.get(i)));
        }
        return out;
    }

    /** The version against its predecessor at the same age, given the predecessor day's customers. */
    static List<Candidate> tests(EvaluationInput in, EvaluationInput.PredecessorWindow p,
            Map<VersionSymptom, Long> then) {
        DetectionSettings s = in.settings();
        String v = p.version();
        ReleaseInfo pred = in.releases().get(p.predecessor());
        double ev = p.exposure();
        double ep = p.predecessorExposure();
        int windowIndex = s.windows().indexOf(EvaluationInput.PREDECESSOR_WINDOW);
        int wi = Math.max(0, windowIndex);
        Map<String, long[]> now = windowIndex >= 0 ? in.byWindow().of(v) : in.lastDayOf(v);
        Map<String, Long> before = ofVersion(then, pred.version());
        long[] nowAll = now.get(Symptoms.ALL);
        long versionAll = nowAll == null ? 0 : nowAll[wi];
        long predecessorAll = before.getOrDefault(Symptoms.ALL, 0L);
        List<Candidate> out = new ArrayList<>();
        // a thin baseline is no evidence: the predecessor's first day on a handful of installs says nothing
        if (predecessorAll < s.relevance().minBaselineCustomers()) {
            return out;
        }
        for (Map.Entry<String, long[]> e : now.entrySet()) {
            long x = e.getValue()[wi];
            if (x < s.minCustomers()) {
                continue;
            }
            String symptom = e.getKey();
            long y = before.getOrDefault(symptom, 0L);
            RelevanceTest.Outcome r = in.test(x, ev, y, ep, Candidate.margin(symptom, s), !symptom.isEmpty());
            boolean shrinkage = symptom.isEmpty()
                    || Bcpnn.of(x, versionAll, x + y, versionAll + predecessorAll).ic025() > 0;
            out.add(new Candidate(v, symptom, EvaluationInput.PREDECESSOR_WINDOW,
                    Signal.Baseline.PREDECESSOR_SAME_AGE, x, r.expected(), r.rateRatio(), r.pValue(), shrinkage));
        }
        return out;
    }

    /** The release a version is compared with at the same age: the one it names, else the latest released before. */
    static ReleaseInfo predecessor(Map<String, ReleaseInfo> releases, String v) {
        ReleaseInfo mine = releases.get(v);
        if (mine == null) {
            return null;
        }
        if (mine.previousVersion() != null) {
            return releases.get(mine.previousVersion());
        }
        ReleaseInfo best = null;
        for (ReleaseInfo r : releases.values()) {
            if (r.releasedAt().isBefore(mine.releasedAt())
                    && (best == null || r.releasedAt().isAfter(best.releasedAt()))) {
                best = r;
            }
        }
        return best;
    }

    /**
     * The predecessor's 24 h at the version's age since release at {@code end}; null when there is none to test
     * against (no predecessor, not older, the version younger than a day).
     */
    static DetectionSource.VersionRange predecessorDay(Map<String, ReleaseInfo> releases, String v, Instant end) {
        ReleaseInfo mine = releases.get(v);
        ReleaseInfo pred = predecessor(releases, v);
        if (mine == null || pred == null || !pred.releasedAt().isBefore(mine.releasedAt())) {
            return null;
        }
        Duration age = Duration.between(mine.releasedAt().truncatedTo(ChronoUnit.HOURS), end);
        if (age.compareTo(EvaluationInput.PREDECESSOR_WINDOW) < 0) {
            return null;
        }
        Instant pEnd = pred.releasedAt().truncatedTo(ChronoUnit.HOURS).plus(age);
        return new DetectionSource.VersionRange(pred.version(), pEnd.minus(EvaluationInput.PREDECESSOR_WINDOW), pEnd);
    }

    /** One version's customers by symptom, from a map of one range. */
    private static Map<String, Long> ofVersion(Map<VersionSymptom, Long> counts, String version) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, n) -> {
            if (k.version().equals(version)) {
                out.put(k.symptom(), n);
            }
        });
        return out;
    }
}

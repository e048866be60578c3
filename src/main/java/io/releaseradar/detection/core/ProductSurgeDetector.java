package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.Candidate.round;

import io.releaseradar.detection.stats.PoissonRateTest;
import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Instant;
import java.util.List;

/**
 * All versions together, the last 24 h against the week before: a product-wide finding (version null), never a
 * version one. Versions with a finding of their own are left out, so that one bad version does not also read as a
 * product-wide surge.
 */
final class ProductSurgeDetector {

    private static final double SURGE_P = 1e-6;

    private ProductSurgeDetector() {
    }

    /** The product-wide finding, or null. */
    static Finding finding(EvaluationInput in, List<String> explained) {
        DetectionSettings s = in.settings();
        HourlySeries contacts = in.allContacts();
        HourlySeries installs = in.installs();
        Instant end = in.end();
        Instant recentFrom = end.minus(EvaluationInput.SURGE_WINDOW);
        Instant priorFrom = recentFrom.minus(EvaluationInput.SURGE_HISTORY);
        long recent = 0, prior = 0;
        double er = 0, ep = 0;
        for (String u : contacts.values().keySet()) {
            if (explained.contains(u)) {
                continue;
            }
            recent += contacts.sum(u, recentFrom, end);
            prior += contacts.sum(u, priorFrom, recentFrom);
        }
        for (String u : installs.values().keySet()) {
            if (explained.contains(u)) {
                continue;
            }
            er += installs.hours(u, recentFrom, end);
            ep += installs.hours(u, priorFrom, recentFrom);
        }
        if (er <= 0 || ep <= 0 || recent < s.minCustomers() || prior == 0) {
            return null;
        }
        PoissonRateTest.RateComparison r = PoissonRateTest.compare((int) recent, er, (int) prior, ep);
        // observed / expected, the expected count at last week's rate, shrunk like every other ratio
        double ratio = RelevanceTest.shrunkRatio(recent, er, prior, ep, s.relevance().pseudoCustomers());
        if (ratio < s.surgeRatio() || r.pValue() > SURGE_P) {
            return null;
        }
        double score = round(Math.min(Multiplicity.SCORE_CAP, -Math.log10(Math.max(r.pValue(), 1e-300))));
        Signal signal = new Signal(null, EvaluationInput.SURGE_WINDOW, recent, round(recent / ratio), round(ratio),
                score, Signal.Baseline.PRODUCT_HISTORY);
        Severity severity = ratio >= 5 ? Severity.HIGH : ratio >= 3 ? Severity.MEDIUM : Severity.LOW;
        return new Finding(in.product(), null, severity, score, null, recent, 0, List.of(signal),
                Summaries.productWide(in.product(), signal));
    }
}

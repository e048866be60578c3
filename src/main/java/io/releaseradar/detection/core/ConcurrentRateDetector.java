package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.Bcpnn;
import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A version against the other versions over the same window, per symptom and window: the exact conditional test of
 * {@code H0: rate ratio <= margin} on install-hours weighted by the product's hourly rate, which cancels outages,
 * campaigns, holidays and rhythm (they move every version together). A symptom must also pass the BCPNN IC025
 * (shrinkage on tiny counts), and a phrase that is the product's everyday vocabulary is never tested.
 */
final class ConcurrentRateDetector {

    private ConcurrentRateDetector() {
    }

    /** The version's tests, each symptom's windows shortest first ({@link Multiplicity#sustained} relies on it). */
    static List<Candidate> tests(EvaluationInput in, String v) {
        DetectionSettings s = in.settings();
        WindowCounts byWindow = in.byWindow();
        List<Candidate> out = new ArrayList<>();
        int windows = s.windows().size();
        double[] ev = new double[windows], eo = new double[windows];
        long[] versionAll = new long[windows], productAll = new long[windows];
        Map<String, long[]> cells = byWindow.of(v);
        for (int wi = 0; wi < windows; wi++) {
            Duration w = s.windows().get(wi);
            ev[wi] = in.weightedExposure(v, w);
            eo[wi] = in.othersWeightedExposure(v, w);
            versionAll[wi] = byWindow.count(v, Symptoms.ALL, wi);
            productAll[wi] = in.total(Symptoms.ALL, wi);
        }
        for (Map.Entry<String, long[]> e : cells.entrySet()) {
            long[] counts = e.getValue();
            if (counts[windows - 1] < s.minCustomers()) {
                continue;
            }
            String symptom = e.getKey();
            long[] symptomTotals = in.totals(symptom);
            if (background(s, symptom, counts[windows - 1], symptomTotals[windows - 1],
                    versionAll[windows - 1], productAll[windows - 1])) {
                continue;
            }
            double margin = Candidate.margin(symptom, s);
            for (int wi = 0; wi < windows; wi++) {
                Duration w = s.windows().get(wi);
                long x = counts[wi];
                if (x < s.minCustomers() || ev[wi] <= 0 || eo[wi] <= 0) {
                    continue;
                }
                // the other versions' customers: the window's total over the versions tested, less this one's
                long symptomAll = symptomTotals[wi];
                long y = symptomAll - x;
                RelevanceTest.Outcome r = in.test(x, ev[wi], y, eo[wi], margin, !symptom.isEmpty());
                boolean shrinkage = symptom.isEmpty()
                        || Bcpnn.of(x, versionAll[wi], symptomAll, productAll[wi]).ic025() > 0;
                out.add(new Candidate(v, symptom, w, Signal.Baseline.OTHER_VERSIONS, x, r.expected(),
                        r.rateRatio(), r.pValue(), shrinkage));
            }
        }
        return out;
    }

    /**
     * A phrase the other versions' customers use so often ({@code backgroundShare} of them or more) that it
     * is the product's everyday vocabulary ("update", "help", "question"): never a symptom of one version.
     * Categories and all contacts are never background.
     */
    static boolean background(DetectionSettings s, String symptom, long x, long symptomAll, long versionAll,
            long productAll) {
        if (symptom.isEmpty() || Symptoms.isCategory(symptom)) {
            return false;
        }
        long others = productAll - versionAll;
        return others > 0 && (double) (symptomAll - x) / others >= s.relevance().backgroundShare();
    }
}

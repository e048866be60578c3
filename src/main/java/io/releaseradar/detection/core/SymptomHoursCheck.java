package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A would-be symptom signal against the other versions, tested again with its expected count summed hour by hour
 * from the other versions' rate of that symptom in each hour (a stratified test): a surge of one symptom (an outage's
 * "service unavailable") is far steeper than the surge of all contacts the first test weighted by, and lands on
 * whichever versions run at those hours, and over a week a rolling-out version's share of the installs moves a lot.
 * The version's own customers stay out of the rates, so that its excess does not raise its own expectation. Only for
 * would-be signals, since it reads the symptom's hourly counts.
 */
final class SymptomHoursCheck {

    /**
     * Relative difference within which two p-values are the same one but for rounding. When the other versions never
     * had the symptom, every hour weighs 1 here; with the versions' shares of the installs constant over the window
     * (a version out for more than a week), the retried test is then the first test itself, whose p-value often is
     * the cutoff (ties: the same counts in every window), and summing the hours in another order left it a few units
     * in the last place above or below, as the instant's share of the current hour fell: the evidence came and went
     * from one evaluation to the next (the alert latency benchmark's turn-late alert).
     */
    static final double SAME_P = 1e-9;

    private SymptomHoursCheck() {
    }

    /** Whether the candidate still passes {@code cutoff} and the margin (always true but for symptoms vs others). */
    static boolean holds(EvaluationInput in, Candidate c, double cutoff) {
        if (c.baseline() != Signal.Baseline.OTHER_VERSIONS || c.symptom().isEmpty()) {
            return true;
        }
        DetectionSettings s = in.settings();
        HourlySeries symptom = in.symptomHours(c.symptom());
        double[] e = stratifiedExposures(in, c.version(), c.window(), symptom);
        long y = in.total(c.symptom(), s.windows().indexOf(c.window())) - c.observed();
        if (e[0] <= 0 || e[1] <= 0) {
            return false;
        }
        RelevanceTest.Outcome r = in.test(c.observed(), e[0], y, e[1], s.minRateRatio(), true);
        return r.pValue() <= cutoff * (1 + SAME_P) && r.rateRatio() >= s.minRateRatio();
    }

    /**
     * The version's and the other versions' install-hours over the window, each hour weighted by the other
     * versions' rate of the symptom in that hour relative to their rate over the whole window: the version's
     * is then its expected customers in units of the others' mean rate, the others' stays their install-hours.
     * Hours without other installs are left out.
     */
    static double[] stratifiedExposures(EvaluationInput in, String v, Duration window, HourlySeries symptom) {
        HourlySeries installs = in.installs();
        int hours = (int) window.toHours();
        Instant from = in.end().minus(window);
        // the other versions' series once, then hour by hour by index (summing each version's hour through the
        // series' maps was most of this check's time; the sums are the same, added in the same order)
        List<long[]> othersInstallSeries = new ArrayList<>();
        List<long[]> othersSymptomSeries = new ArrayList<>();
        for (String u : in.versions()) {
            if (!u.equals(v)) {
                othersInstallSeries.add(installs.values().get(u));
                othersSymptomSeries.add(symptom.values().get(u));
            }
        }
        int installsAt = installs.index(from);
        int symptomAt = symptom.index(from);
        double[] othersInstalls = new double[hours], othersCustomers = new double[hours];
        double installsAll = 0, customersAll = 0;
        for (int h = 0; h < hours; h++) {
            for (int k = 0; k < othersInstallSeries.size(); k++) {
                othersInstalls[h] += installs.hourAt(othersInstallSeries.get(k), installsAt + h);
                othersCustomers[h] += HourlySeries.at(othersSymptomSeries.get(k), symptomAt + h);
            }
            installsAll += othersInstalls[h];
            customersAll += othersCustomers[h];
        }
        double mean = installsAll > 0 ? customersAll / installsAll : 0;
        long[] mine = installs.values().get(v);
        double ev = 0, eo = 0;
        for (int h = 0; h < hours; h++) {
            if (othersInstalls[h] <= 0) {
                continue;
            }
            double w = mean > 0 ? othersCustomers[h] / (othersInstalls[h] * mean) : 1.0;
            ev += installs.hourAt(mine, installsAt + h) * w;
            eo += othersInstalls[h] * w;
        }
        return new double[] {ev, eo};
    }
}

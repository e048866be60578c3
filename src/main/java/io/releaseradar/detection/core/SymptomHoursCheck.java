package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.RelevanceTest;
import java.time.Duration;
import java.time.Instant;

/**
 * A would-be symptom signal against the other versions, tested again with its expected count summed hour by hour
 * from the other versions' rate of that symptom in each hour (a stratified test): a surge of one symptom (an outage's
 * "service unavailable") is far steeper than the surge of all contacts the first test weighted by, and lands on
 * whichever versions run at those hours, and over a week a rolling-out version's share of the installs moves a lot.
 * The version's own customers stay out of the rates, so that its excess does not raise its own expectation. Only for
 * would-be signals, since it reads the symptom's hourly counts.
 */
final class SymptomHoursCheck {

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
        return r.pValue() <= cutoff && r.rateRatio() >= s.minRateRatio();
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
        double[] othersInstalls = new double[hours], othersCustomers = new double[hours];
        double installsAll = 0, customersAll = 0;
        for (int h = 0; h < hours; h++) {
            Instant a = from.plus(Duration.ofHours(h)), b = a.plus(Duration.ofHours(1));
            for (String u : in.versions()) {
                if (!u.equals(v)) {
                    othersInstalls[h] += installs.hours(u, a, b);
                    othersCustomers[h] += symptom.sum(u, a, b);
                }
            }
            installsAll += othersInstalls[h];
            customersAll += othersCustomers[h];
        }
        double mean = installsAll > 0 ? customersAll / installsAll : 0;
        double ev = 0, eo = 0;
        for (int h = 0; h < hours; h++) {
            if (othersInstalls[h] <= 0) {
                continue;
            }
            Instant a = from.plus(Duration.ofHours(h));
            double w = mean > 0 ? othersCustomers[h] / (othersInstalls[h] * mean) : 1.0;
            ev += installs.hours(v, a, a.plus(Duration.ofHours(1))) * w;
            eo += othersInstalls[h] * w;
        }
        return new double[] {ev, eo};
    }
}

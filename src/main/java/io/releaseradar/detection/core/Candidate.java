package io.releaseradar.detection.core;

import java.time.Duration;

/**
 * One test of one version and symptom ({@link Symptoms#ALL} for all contacts) over one window, before the
 * multiplicity step decides whether it is a signal.
 *
 * @param shrinkageOk whether the BCPNN IC025 agrees that the symptom is over-represented (always true for all
 *     contacts)
 */
record Candidate(String version, String symptom, Duration window, Signal.Baseline baseline, long observed,
        double expected, double rateRatio, double p, boolean shrinkageOk) {

    /** A signal held back (an all-contacts excess too small to alert alone) as a near miss. */
    static Candidate of(String version, Signal x) {
        return new Candidate(version, x.symptom() == null ? Symptoms.ALL : x.symptom(), x.window(), x.baseline(),
                x.observed(), x.expected(), x.rateRatio(), Math.pow(10, -x.score()), true);
    }

    boolean qualifies(DetectionSettings s) {
        return shrinkageOk && observed >= s.minCustomers() && rateRatio >= margin(symptom, s);
    }

    Signal signal(double score) {
        return new Signal(symptom.isEmpty() ? null : symptom, window, observed, round(expected),
                round(rateRatio), round(score), baseline);
    }

    /** The margin of {@code H0: rate ratio <= margin}: larger for a version's contacts as a whole. */
    static double margin(String symptom, DetectionSettings s) {
        return symptom.isEmpty() ? s.relevance().allContactsMargin() : s.minRateRatio();
    }

    /** Two decimals, as the contract shows numbers. */
    static double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 100) / 100.0 : x;
    }
}

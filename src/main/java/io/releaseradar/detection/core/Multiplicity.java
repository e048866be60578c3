package io.releaseradar.detection.core;

import io.releaseradar.detection.stats.BenjaminiHochberg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The multiplicity step: which of the detectors' tests are signals. Benjamini–Hochberg over the whole grid, in two
 * stages with one family per version, so that a bad version's hundreds of discoveries do not let chance clusters on
 * the others through; the all-contacts tests may get their own share of the level (weighted BH). A discovery is a
 * signal only when it also qualifies (enough customers, ratio beyond the margin, shrinkage agrees), is sustained (a
 * window longer than {@link EvaluationInput#RECENT} counts only while the next shorter one shows it too), is not a
 * rarer spelling of another phrase, and holds at the symptom's own hours ({@link SymptomHoursCheck}). Tests that
 * are up but not signals are near misses: they make a version WATCH.
 */
final class Multiplicity {

    /** The largest score a signal shows (-log10 p). */
    static final double SCORE_CAP = 50;
    private static final double SUSTAINED_P = 0.05;

    /**
     * Per version, its signals and its near misses, in the order of the tests. The following steps add to them
     * (the CUSUM's signals, the all-contacts excesses held back).
     */
    record Outcome(Map<String, List<Signal>> signals, Map<String, List<Candidate>> nearMisses) {
    }

    private Multiplicity() {
    }

    static Outcome decide(EvaluationInput in, List<Candidate> candidates) {
        DetectionSettings s = in.settings();
        List<BenjaminiHochberg.Hypothesis> hypotheses = new ArrayList<>(candidates.size());
        double[] familyWeights = familyWeights(candidates, s.allContactsShare());
        for (Candidate c : candidates) {
            hypotheses.add(new BenjaminiHochberg.Hypothesis(c.symptom(), c.p(),
                    c.symptom().isEmpty() ? familyWeights[0] : familyWeights[1]));
        }
        // in the order of the candidates; one family per version, so that a bad version's hundreds of discoveries
        // do not lower the bar for the others
        List<BenjaminiHochberg.Decision> decisions = BenjaminiHochberg.decideInFamilies(hypotheses,
                candidates.stream().map(Candidate::version).toList(), s.falseDiscoveryRate());

        // per version, the largest p/weight BH accepted: a test retried with other hour weights must still pass it
        Map<String, Double> cutoffs = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (decisions.get(i).discovery()) {
                cutoffs.merge(candidates.get(i).version(), decisions.get(i).weightedP(), Math::max);
            }
        }
        Map<String, List<Signal>> signals = new HashMap<>();
        Map<String, List<Candidate>> nearMisses = new HashMap<>();
        Spellings spellings = new Spellings(in);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            BenjaminiHochberg.Decision d = decisions.get(i);
            if (d.discovery() && c.qualifies(s) && sustained(candidates, i, s) && !spellings.commoner(c.symptom())
                    && SymptomHoursCheck.holds(in, c, cutoffs.get(c.version()) * d.weight())) {
                double score = Math.min(SCORE_CAP, -Math.log10(Math.max(d.adjustedP(), 1e-300)));
                signals.computeIfAbsent(c.version(), k -> new ArrayList<>()).add(c.signal(score));
            } else if (c.rateRatio() >= Candidate.margin(c.symptom(), s) && c.p() < 0.05
                    && (c.baseline() != Signal.Baseline.PREDECESSOR_SAME_AGE
                            || !in.hasConcurrentBaseline(c.version()))) {
                // the predecessor's evidence is no near miss either while other versions run (see FindingBuilder)
                nearMisses.computeIfAbsent(c.version(), k -> new ArrayList<>()).add(c);
            }
        }
        return new Outcome(signals, nearMisses);
    }

    /**
     * Whether candidate {@code i}, when its window is longer than {@link EvaluationInput#RECENT}, is also up in the
     * next shorter window (rate ratio at least the minimum, p below {@link #SUSTAINED_P}): over a week a chance
     * cluster of a few customers of an everyday phrase can pass the test, and a version that was bad days ago but no
     * longer is is no news. {@link ConcurrentRateDetector#tests} adds a cell's windows shortest first, so the shorter
     * window's test, when there is one, comes right before.
     */
    static boolean sustained(List<Candidate> candidates, int i, DetectionSettings s) {
        Candidate c = candidates.get(i);
        int wi = s.windows().indexOf(c.window());
        if (c.baseline() != Signal.Baseline.OTHER_VERSIONS || wi < 1
                || c.window().compareTo(EvaluationInput.RECENT) <= 0) {
            return true;
        }
        Candidate shorter = i > 0 ? candidates.get(i - 1) : null;
        return shorter != null && shorter.window().equals(s.windows().get(wi - 1))
                && shorter.baseline() == c.baseline() && shorter.version().equals(c.version())
                && shorter.symptom().equals(c.symptom()) && shorter.p() < SUSTAINED_P
                && shorter.rateRatio() >= s.minRateRatio();
    }

    /**
     * The weights of an all-contacts test and of a symptom test in the Benjamini–Hochberg family: the all-contacts
     * tests (one per version and window) share {@code share} of the total weight, the symptom tests the rest, so
     * a version's contacts as a whole need not compete with thousands of phrases. Equal weights when the share is 0
     * or either kind is absent.
     */
    static double[] familyWeights(List<Candidate> candidates, double share) {
        if (share <= 0) {
            return new double[] {1, 1};
        }
        long all = candidates.stream().filter(c -> c.symptom().isEmpty()).count();
        long symptoms = candidates.size() - all;
        if (share <= 0 || all == 0 || symptoms == 0) {
            return new double[] {1, 1};
        }
        return new double[] {share / all, (1 - share) / symptoms};
    }

    /**
     * Whether a phrase is a rarer spelling of another phrase of the product ("notes vaished" beside "notes
     * vanished", "invite coleague" beside "invite colleague"): such a phrase is tested through its common
     * spelling, never alone, so that a few customers' typo cannot look like a new complaint.
     */
    static boolean commonerSpelling(EvaluationInput in, String symptom) {
        return new Spellings(in).commoner(symptom);
    }

    /**
     * {@link #commonerSpelling} for one evaluation: each symptom's answer remembered (a symptom is a discovery in
     * several windows and versions), and the product's phrases grouped by their number of words once, so that a
     * phrase is compared only with the phrases of as many words (splitting every phrase for every discovery was a
     * tenth of an evaluation).
     */
    private static final class Spellings {
        private final EvaluationInput in;
        private final int last;
        private final Map<String, Boolean> known = new HashMap<>();
        private Map<Integer, List<Map.Entry<String, long[]>>> byWords;

        Spellings(EvaluationInput in) {
            this.in = in;
            this.last = in.settings().windows().size() - 1;
        }

        boolean commoner(String symptom) {
            if (symptom.isEmpty() || Symptoms.isCategory(symptom)) {
                return false;
            }
            Boolean answer = known.get(symptom);
            if (answer == null) {
                answer = find(symptom);
                known.put(symptom, answer);
            }
            return answer;
        }

        private boolean find(String symptom) {
            if (byWords == null) {
                byWords = new HashMap<>();
                for (Map.Entry<String, long[]> e : in.totals().entrySet()) {
                    String other = e.getKey();
                    if (!other.isEmpty() && !Symptoms.isCategory(other)) {
                        byWords.computeIfAbsent(other.split(" ").length, k -> new ArrayList<>()).add(e);
                    }
                }
            }
            long mine = in.total(symptom, last);
            for (Map.Entry<String, long[]> e : byWords.getOrDefault(symptom.split(" ").length, List.of())) {
                if (e.getValue()[last] > mine && Themes.variants(symptom, e.getKey())) {
                    return true;
                }
            }
            return false;
        }
    }
}

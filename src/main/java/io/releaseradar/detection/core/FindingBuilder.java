package io.releaseradar.detection.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From a version's signals to its finding: first the rules that keep weak kinds of evidence from alerting alone,
 * then one signal per symptom, baseline and theme, the primary symptom, the severity and the summary.
 */
final class FindingBuilder {

    static final Comparator<Signal> STRONGEST_FIRST = Comparator.comparingDouble(Signal::score).reversed()
            .thenComparing(Signal::observed, Comparator.reverseOrder())
            .thenComparing(x -> x.symptom() == null ? "" : x.symptom())
            .thenComparing(Signal::window);

    private FindingBuilder() {
    }

    /**
     * Evidence that never alerts alone, taken out of {@code signals} (per version): against the predecessor only
     * while other versions run (a product-wide surge would show there too; it stays as supporting evidence of a
     * concurrent finding), and a version's contacts as a whole with no symptom behind them unless the excess is
     * large (new versions draw busier early adopters and "the update" gets blamed, and none of that is an incident):
     * those become near misses, so the version is at most WATCH.
     */
    static void holdBackWeakEvidence(EvaluationInput in, Map<String, List<Signal>> signals,
            Map<String, List<Candidate>> nearMisses) {
        double aloneRatio = in.settings().relevance().allContactsAloneRatio();
        signals.replaceAll((v, list) -> in.hasConcurrentBaseline(v) && list.stream().allMatch(
                x -> x.baseline() == Signal.Baseline.PREDECESSOR_SAME_AGE) ? List.of() : list);
        signals.forEach((v, list) -> {
            if (!list.isEmpty() && list.stream().allMatch(x -> x.symptom() == null)
                    && list.stream().noneMatch(x -> x.rateRatio() >= aloneRatio)) {
                list.forEach(x -> nearMisses.computeIfAbsent(v, k -> new ArrayList<>()).add(Candidate.of(v, x)));
            }
        });
        signals.replaceAll((v, list) -> list.stream().allMatch(x -> x.symptom() == null)
                && list.stream().noneMatch(x -> x.rateRatio() >= aloneRatio) ? List.of() : list);
    }

    /** The version's finding from its (non-empty) signals. */
    static Finding finding(EvaluationInput in, String v, List<Signal> signals) {
        DetectionSettings s = in.settings();
        // One signal per symptom and baseline (its strongest window), strongest first.
        Map<String, Signal> best = new LinkedHashMap<>();
        for (Signal x : signals) {
            best.merge(x.symptom() + "|" + x.baseline(), x, (a, b) -> STRONGEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        List<Signal> sorted = new ArrayList<>(best.values());
        sorted.sort(STRONGEST_FIRST);
        // one signal per theme: spellings and parts of one complaint are named once, by the strongest
        Map<String, List<String>> variants = new HashMap<>();
        for (Themes.Theme t : Themes.group(sorted.stream().map(x -> x.symptom() == null ? Symptoms.ALL
                : x.symptom()).distinct().toList())) {
            variants.put(t.name(), t.variants());
        }
        sorted.removeIf(x -> x.symptom() != null && !variants.containsKey(x.symptom()));
        double score = sorted.get(0).score();
        // Attribute to a symptom when one is behind the evidence: "lost note" says more than "all contacts".
        // Among symptoms of about the strongest evidence (many phrases of the same contacts tie), prefer a
        // critical one, then a phrase of two words, the form people say it in.
        Signal primary = sorted.stream().filter(x -> x.symptom() != null && x.score() >= 0.9 * score)
                .min(Comparator.comparing((Signal x) -> !SeverityRule.isCritical(x.symptom(), s.criticalPhrases()))
                        .thenComparing(x -> Math.abs(words(x.symptom()) - 2))
                        .thenComparing(STRONGEST_FIRST))
                .orElse(sorted.get(0));
        long active = in.activeInstalls(v);
        double share = active > 0 ? (double) primary.observed() / active : 0;
        boolean critical = sorted.stream().anyMatch(x -> SeverityRule.isCritical(x.symptom(),
                s.criticalPhrases()));
        Severity severity = SeverityRule.of(score, share, critical);
        List<Signal> top = new ArrayList<>();
        top.add(primary);
        sorted.stream().filter(x -> x != primary).limit(4).forEach(top::add);
        return new Finding(in.product(), v, severity, score, primary.symptom(), primary.observed(), share, top,
                Summaries.version(in.product(), v, primary, share,
                        primary.symptom() == null ? List.of() : variants.getOrDefault(primary.symptom(),
                                List.of())));
    }

    /** Words of a phrase; a category counts as one. */
    private static int words(String symptom) {
        return Symptoms.isCategory(symptom) ? 1 : symptom.split(" ").length;
    }
}

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

    /** Evidence within this share of the largest counts as about as strong (naming, the theme's voice). */
    private static final double ABOUT = 0.9;
    /** Parts of a theme's phrase that may name it: the largest excess first, then more customers, then by name. */
    private static final Comparator<Signal> PART_ORDER = Comparator.comparingDouble((Signal x) -> -excess(x))
            .thenComparing(x -> -x.observed()).thenComparing(Signal::symptom);

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

    /**
     * The version's finding from its (non-empty) signals and its near misses (tests that are up but did not pass the
     * multiplicity step; they never make a finding, but they may name it, see {@link #finding}).
     *
     * <p>What the finding names (its {@code symptom}), in this order:
     * <ol>
     *   <li>the symptom signals lead, not the version's contacts as a whole: an all-contacts or CUSUM excess says
     *       that something is wrong, a symptom says what;</li>
     *   <li>against the other versions before against the predecessor: the concurrent comparison cancels what moves
     *       every version together (campaigns, outages, holidays), the predecessor's does not;</li>
     *   <li>among symptoms of about the strongest evidence, a critical one, then a phrase of two words, then the
     *       strongest;</li>
     *   <li>within the leading signal's theme, the phrase whose excess (observed less expected customers) is
     *       largest, a near miss included: a neighbouring phrase ("log yesterday") is a part of its complaint's
     *       contacts, and the complaint's own words ("log") carry more of the excess; and a part of that phrase
     *       with at least its customers and about its excess ("duplicate" beside "update duplicate") before it,
     *       unless the part is negations alone ("not");</li>
     *   <li>when no symptom signal is behind the evidence at all, the near miss whose excess explains most of it.</li>
     * </ol>
     * The score and the severity stay what the strongest signals that passed give, whatever names the finding.
     */
    static Finding finding(EvaluationInput in, String v, List<Signal> signals, List<Candidate> nearMisses) {
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
        List<Signal> symptoms = sorted.stream().filter(x -> x.symptom() != null).toList();
        if (symptoms.stream().anyMatch(x -> x.baseline() != Signal.Baseline.PREDECESSOR_SAME_AGE)) {
            symptoms = symptoms.stream().filter(x -> x.baseline() != Signal.Baseline.PREDECESSOR_SAME_AGE).toList();
        }
        double strongest = symptoms.isEmpty() ? 0 : symptoms.get(0).score();
        // Among symptoms of about the strongest evidence (many phrases of the same contacts tie), prefer a
        // critical one, then a phrase of two words, the form people say it in.
        Comparator<Signal> naming = Comparator.comparing((Signal x) -> !SeverityRule.isCritical(x.symptom(),
                s.criticalPhrases())).thenComparing(x -> Math.abs(words(x.symptom()) - 2))
                .thenComparing(STRONGEST_FIRST);
        Signal lead = symptoms.stream().filter(x -> x.score() >= ABOUT * strongest).min(naming)
                .orElse(sorted.get(0));
        // the severity's share of installs from the strongest evidence, whatever names the finding
        Signal strongestEvidence = sorted.stream().filter(x -> x.symptom() != null && x.score() >= ABOUT * score)
                .min(naming).orElse(sorted.get(0));
        Signal shown = lead.symptom() == null ? lead : themeVoice(lead, signals, nearMisses,
                variants.getOrDefault(lead.symptom(), List.of()));
        Signal behind = lead.symptom() == null ? explaining(nearMisses) : null;
        String symptom = behind != null ? behind.symptom() : shown.symptom();
        long active = in.activeInstalls(v);
        double evidenceShare = active > 0 ? (double) strongestEvidence.observed() / active : 0;
        double share = active > 0 ? (double) shown.observed() / active : 0;
        boolean critical = sorted.stream().anyMatch(x -> SeverityRule.isCritical(x.symptom(),
                s.criticalPhrases()));
        Severity severity = SeverityRule.of(score, evidenceShare, critical);
        List<Signal> top = new ArrayList<>();
        top.add(shown);
        if (shown != lead) {
            top.add(lead);
        }
        if (behind != null) {
            top.add(behind);
        }
        sorted.stream().filter(x -> x != lead).limit(5 - top.size()).forEach(top::add);
        List<String> also = new ArrayList<>();
        if (shown.symptom() != null) {
            if (!shown.symptom().equals(lead.symptom())) {
                also.add(lead.symptom());
            }
            variants.getOrDefault(lead.symptom(), List.of()).stream().filter(x -> !x.equals(shown.symptom()))
                    .forEach(also::add);
        }
        // a renamed category's summary names its old names too, as a phrase's names its other spellings
        String summary = Summaries.version(in.product(), v, shown, share,
                shown.symptom() != null && Symptoms.isCategory(shown.symptom()) ? in.formerly(shown.symptom()) : also);
        if (behind != null) {
            summary += "; most of the excess: " + Summaries.evidence(behind, in.formerly(behind.symptom()));
        }
        return new Finding(in.product(), v, severity, score, symptom, shown.observed(), share, top, summary);
    }

    /**
     * The phrase of the leading signal's theme (its own, a spelling or a part of it, among the signals and near
     * misses against the same baseline) with the largest excess of customers; the leading signal when none has more.
     */
    private static Signal themeVoice(Signal lead, List<Signal> signals, List<Candidate> nearMisses,
            List<String> themeVariants) {
        if (Symptoms.isCategory(lead.symptom())) {
            return lead;
        }
        String theme = lead.symptom();
        Signal voice = lead;
        List<Signal> members = new ArrayList<>();
        for (Signal x : signals) {
            if (x.symptom() != null && x.baseline() == lead.baseline()
                    && (x.symptom().equals(theme) || themeVariants.contains(x.symptom()))) {
                members.add(x);
            }
        }
        for (Candidate c : nearMisses) {
            if (!c.symptom().isEmpty() && !Symptoms.isCategory(c.symptom()) && c.baseline() == lead.baseline()
                    && (c.symptom().equals(theme) || Themes.variants(theme, c.symptom()))) {
                members.add(c.signal(-Math.log10(Math.max(c.p(), 1e-300))));
            }
        }
        for (Signal m : members) {
            if (excess(m) > excess(voice)) {
                voice = m;
            }
        }
        // A part of the voice's phrase with at least its customers and about its excess names the complaint: every
        // contact of the longer phrase says the part, so the extra words add no customers ("update duplicate": the
        // customers say how they noticed it, "duplicate" is what is wrong). A part of negations alone ("not" of "not
        // arriving") says nothing of what is wrong.
        // Of several such parts, the one with the largest excess (then more customers, then by name), whatever
        // order the signals come in.
        Signal whole = voice;
        Signal part = null;
        for (Signal m : members) {
            if (words(m.symptom()) < words(whole.symptom()) && !PhraseExtractor.onlyNegations(m.symptom())
                    && Themes.variants(whole.symptom(), m.symptom())
                    && m.observed() >= whole.observed() && excess(m) >= ABOUT * excess(whole)
                    && (part == null || PART_ORDER.compare(m, part) < 0)) {
                part = m;
            }
        }
        return part == null ? whole : part;
    }

    /** The near miss of a symptom whose excess of customers is largest, null when there is none. */
    private static Signal explaining(List<Candidate> nearMisses) {
        Candidate most = null;
        for (Candidate c : nearMisses) {
            if (!c.symptom().isEmpty() && c.observed() - c.expected() > 0
                    && (most == null || c.observed() - c.expected() > most.observed() - most.expected())) {
                most = c;
            }
        }
        return most == null ? null : most.signal(-Math.log10(Math.max(most.p(), 1e-300)));
    }

    private static double excess(Signal x) {
        return x.observed() - x.expected();
    }

    /** Words of a phrase; a category counts as one. */
    private static int words(String symptom) {
        return Symptoms.isCategory(symptom) ? 1 : symptom.split(" ").length;
    }
}

package io.releaseradar.detection.core;

import java.util.List;

/**
 * What one evaluation concluded for one version, or for the whole product when {@code version} is null.
 *
 * @param product the product
 * @param version the version, null for a product-wide surge
 * @param severity from evidence strength, share of installs affected and critical symptoms
 * @param score the strongest signal's score
 * @param symptom what the evidence names: the leading symptom signal's theme by the phrase with the largest excess
 *     (see {@code FindingBuilder#finding}), or, when only the version's contacts as a whole are up, the symptom whose
 *     near miss explains most of that excess; null when nothing names a symptom
 * @param customers distinct customers behind the first signal (the one the summary shows)
 * @param shareAffected customers over the version's active installs
 * @param signals the evidence, strongest first
 * @param summary one line a support lead understands
 */
public record Finding(String product, String version, Severity severity, double score, String symptom,
        long customers, double shareAffected, List<Signal> signals, String summary) {

    public Finding {
        signals = List.copyOf(signals);
    }
}

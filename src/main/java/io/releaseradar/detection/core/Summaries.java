package io.releaseradar.detection.core;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one line a support lead reads first. */
final class Summaries {

    private Summaries() {
    }

    /** e.g. {@code notes 2.4.0: "lost note" from 41 customers in 24 h, 6.1x the other versions (1.2% of its installs)}. */
    static String version(String product, String version, Signal s, double share) {
        return version(product, version, s, share, List.of());
    }

    /**
     * The same, naming the theme's other spellings: {@code "notes vanished" (also "note vanished", "vanished")}; for a
     * category, {@code variants} are its old names ({@code category questions (formerly how-to)}).
     */
    static String version(String product, String version, Signal s, double share, List<String> variants) {
        String what = s.symptom() == null ? "contacts"
                : s.symptom().startsWith("category:") ? category(s.symptom(), variants)
                : "\"" + s.symptom() + "\"" + (variants.isEmpty() ? "" : variants.stream().limit(4)
                        .map(x -> "\"" + x + "\"").collect(Collectors.joining(", ", " (also ", ")")));
        return String.format(Locale.ROOT, "%s %s: %s from %d customers in %s, %sx %s (%s of its installs)", product,
                version, what, s.observed(), window(s), ratio(s.rateRatio()), against(s.baseline()),
                percent(share));
    }

    /** One signal in a few words, e.g. {@code "slow search" from 12 customers in 24 h, 3.1x the other versions}. */
    static String evidence(Signal s) {
        return evidence(s, List.of());
    }

    /** The same, naming a renamed category's old names: {@code category questions (formerly how-to) from ...}. */
    static String evidence(Signal s, List<String> formerly) {
        String what = s.symptom().startsWith("category:") ? category(s.symptom(), formerly)
                : "\"" + s.symptom() + "\"";
        return String.format(Locale.ROOT, "%s from %d customers in %s, %sx %s", what, s.observed(), window(s),
                ratio(s.rateRatio()), against(s.baseline()));
    }

    /**
     * A category by its name, with the old names the helpdesk had for it when it was renamed ({@code formerly}, keys
     * {@code category:...}): {@code category questions (formerly how-to)}, so that a support lead who knows the old
     * name sees the history counted under the new one.
     */
    private static String category(String key, List<String> formerly) {
        String name = "category " + key.substring(Symptoms.CATEGORY_PREFIX.length());
        return formerly.isEmpty() ? name : name + formerly.stream().limit(3)
                .map(x -> x.substring(Symptoms.CATEGORY_PREFIX.length()))
                .collect(Collectors.joining(", ", " (formerly ", ")"));
    }

    static String productWide(String product, Signal s) {
        return String.format(Locale.ROOT, "%s (all versions): %d customers contacted support in %s, %sx the week "
                + "before; a product-wide surge, not one version", product, s.observed(), window(s),
                ratio(s.rateRatio()));
    }

    private static String against(Signal.Baseline b) {
        return switch (b) {
            case OTHER_VERSIONS -> "the other versions";
            case PREDECESSOR_SAME_AGE -> "its predecessor at the same age";
            case CUSUM_SINCE_RELEASE -> "the other versions since release";
            case PRODUCT_HISTORY -> "the week before";
        };
    }

    private static String window(Signal s) {
        long h = s.window().toHours();
        return h % 24 == 0 && h > 24 ? (h / 24) + " days" : h + " h";
    }

    private static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.1f", r) : "∞";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, share >= 0.1 ? "%.0f%%" : "%.1f%%", share * 100);
    }
}

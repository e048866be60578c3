package io.releaseradar.dashboard;

import io.releaseradar.detection.core.Signal;
import java.util.Locale;

/** A signal as the pages show it: the numbers, and what they mean in plain words. */
public record SignalLine(String symptom, String window, long observed, String expected, String ratio,
        String baseline, String explanation) {

    static SignalLine of(Signal s, String previousVersion) {
        String what = s.symptom() == null ? "any problem" : SymptomWords.of(s.symptom());
        String window = Numbers.window(s.window());
        String expected = String.format(Locale.ROOT, "%.1f", s.expected());
        String ratio = Numbers.ratio(s.rateRatio());
        String explanation = switch (s.baseline()) {
            case OTHER_VERSIONS -> s.observed() + " customers contacted support about " + what + " in " + window
                    + " where " + expected + " were expected at the other versions' rate per install (" + ratio
                    + ").";
            case PREDECESSOR_SAME_AGE -> s.observed() + " customers contacted support about " + what + " in "
                    + window + "; " + (previousVersion == null ? "the previous version" : previousVersion)
                    + " at the same age since its release had a rate that predicts " + expected + " (" + ratio + ").";
            case CUSUM_SINCE_RELEASE -> "Since its release the version has run steadily above the other versions' "
                    + "daily rate for " + what + ": " + s.observed() + " customers against " + expected
                    + " expected (" + ratio + ", cumulative sum).";
            case PRODUCT_HISTORY -> "The whole product: " + s.observed() + " customers about " + what + " in "
                    + window + " against " + expected + " expected from the week before (" + ratio + ").";
        };
        String baseline = switch (s.baseline()) {
            case OTHER_VERSIONS -> "other versions, same hours";
            case PREDECESSOR_SAME_AGE -> "predecessor at the same age";
            case CUSUM_SINCE_RELEASE -> "other versions, since release";
            case PRODUCT_HISTORY -> "product, previous week";
        };
        return new SignalLine(SymptomWords.of(s.symptom()), window, s.observed(), expected,
                ratio, baseline, explanation);
    }
}

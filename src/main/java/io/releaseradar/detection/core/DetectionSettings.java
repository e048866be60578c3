package io.releaseradar.detection.core;

import java.time.Duration;
import java.util.List;

/**
 * How the evaluator decides. Plain values, so that the simulator and the backtests can vary them; live they come
 * from {@code radar.detection.*}.
 *
 * @param windows look-back windows ending at the last complete hour, shortest first (sudden and gradual onsets)
 * @param falseDiscoveryRate Benjamini–Hochberg level over every version × symptom × window test of one evaluation
 * @param allContactsShare the share of that level given to the few tests of a version's contacts as a whole, the
 *     rest going to its thousands of symptom tests (weighted BH); 0 weighs every test the same
 * @param minRateRatio a version must run at least this many times its baseline's rate (busy early adopters run at
 *     about 1.2x and must not alert)
 * @param minCustomers fewest distinct customers behind a signal
 * @param minActiveInstalls below this many active installs a version has "not enough data yet"
 * @param cusumDays days since release (at most) over which the daily CUSUM runs
 * @param cusumRateFactor the rate increase the CUSUM is tuned to
 * @param cusumThreshold the CUSUM's alarm level h
 * @param surgeRatio product-wide: the last 24 h against the week before must reach this ratio
 * @param criticalPhrases symptoms (phrases or category names) that make a finding CRITICAL once it is strong
 */
public record DetectionSettings(List<Duration> windows, double falseDiscoveryRate, double allContactsShare,
        double minRateRatio,
        int minCustomers, int minActiveInstalls, int cusumDays, double cusumRateFactor, double cusumThreshold,
        double surgeRatio, List<String> criticalPhrases) {

    public DetectionSettings {
        windows = List.copyOf(windows);
        criticalPhrases = List.copyOf(criticalPhrases);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window");
        }
        if (!(allContactsShare >= 0 && allContactsShare < 1)) {
            throw new IllegalArgumentException("allContactsShare must be in [0, 1), got " + allContactsShare);
        }
    }

    /** The defaults the service ships with: tuned on the quality benchmark's tuning seeds (README). */
    public static DetectionSettings defaults() {
        return new DetectionSettings(List.of(Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(72),
                Duration.ofHours(168)), 0.001, 0.0, 1.5, 3, 50, 14, 2.0, 10.0, 2.0,
                List.of("data loss", "lost data", "deleted data", "corrupted data", "lost", "deleted", "corrupt",
                        "security", "cannot log in", "can't log in", "crash on start", "crashes on start"));
    }

    /** The longest window. */
    public Duration longestWindow() {
        return windows.get(windows.size() - 1);
    }
}

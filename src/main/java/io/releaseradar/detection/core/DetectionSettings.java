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
 * @param relevance how large an excess must be to matter, and how much healthy versions differ
 */
public record DetectionSettings(List<Duration> windows, double falseDiscoveryRate, double allContactsShare,
        double minRateRatio,
        int minCustomers, int minActiveInstalls, int cusumDays, double cusumRateFactor, double cusumThreshold,
        double surgeRatio, List<String> criticalPhrases, Relevance relevance) {

    /**
     * What makes an excess matter (issue 21): tests are of {@code H0: rate ratio <= margin}, widened by the spread
     * between healthy versions, with ratios shrunk on thin counts. {@code minRateRatio} is the symptom margin.
     *
     * @param allContactsMargin the margin of a version's contacts as a whole (larger than a symptom's: new
     *     versions draw 1.2–1.6x ordinary contacts from busy early adopters)
     * @param allContactsAloneRatio an all-contacts excess with no symptom behind it alerts only at this shrunk
     *     ratio or more; below it the version is at most WATCH
     * @param pseudoCustomers customers at the baseline's rate added to both sides of a ratio (Gamma–Poisson
     *     shrinkage), so that three customers where almost none were expected never read as hundreds of times
     * @param priorSpread the log-scale standard deviation between healthy versions assumed for a product with too
     *     little data to estimate its own (see {@link VersionSpread})
     * @param minSpread the smallest between-version spread used, however alike the versions look
     * @param spreadQuantile a symptom's null hypothesis is {@code rate ratio <= margin · exp(spreadQuantile · τ)}:
     *     how many of the healthy versions' standard deviations τ an excess must clear beyond the margin
     * @param minBaselineCustomers fewest customers a predecessor-at-the-same-age baseline needs to count
     * @param backgroundShare a phrase used by at least this share of the other versions' customers is background
     *     vocabulary ("update", "help"), never a symptom
     */
    public record Relevance(double allContactsMargin, double allContactsAloneRatio, double pseudoCustomers,
            double priorSpread, double minSpread, double spreadQuantile, int minBaselineCustomers,
            double backgroundShare) {

        public Relevance {
            if (!(allContactsMargin >= 1) || !(pseudoCustomers > 0) || !(priorSpread >= 0) || !(minSpread >= 0)
                    || !(spreadQuantile >= 0)
                    || !(backgroundShare > 0 && backgroundShare <= 1)) {
                throw new IllegalArgumentException("relevance: margins >= 1, pseudoCustomers > 0, spreads and "
                        + "spreadQuantile >= 0, backgroundShare in (0, 1]");
            }
        }

        /** The shipped values (README, DetectionConfig). */
        public static Relevance defaults() {
            return new Relevance(2.0, 3.0, 3.0, 0.25, 0.1, 2.0, 20, 0.05);
        }
    }

    /** Settings with the default {@link Relevance}. */
    public DetectionSettings(List<Duration> windows, double falseDiscoveryRate, double allContactsShare,
            double minRateRatio, int minCustomers, int minActiveInstalls, int cusumDays, double cusumRateFactor,
            double cusumThreshold, double surgeRatio, List<String> criticalPhrases) {
        this(windows, falseDiscoveryRate, allContactsShare, minRateRatio, minCustomers, minActiveInstalls, cusumDays,
                cusumRateFactor, cusumThreshold, surgeRatio, criticalPhrases, Relevance.defaults());
    }

    /** These settings with another {@link Relevance}. */
    public DetectionSettings withRelevance(Relevance r) {
        return new DetectionSettings(windows, falseDiscoveryRate, allContactsShare, minRateRatio, minCustomers,
                minActiveInstalls, cusumDays, cusumRateFactor, cusumThreshold, surgeRatio, criticalPhrases, r);
    }

    public DetectionSettings {
        windows = List.copyOf(windows);
        criticalPhrases = List.copyOf(criticalPhrases);
        java.util.Objects.requireNonNull(relevance, "relevance");
        if (!(minRateRatio >= 1)) {
            throw new IllegalArgumentException("minRateRatio (the symptom margin) must be >= 1, got " + minRateRatio);
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window");
        }
        if (!(allContactsShare >= 0 && allContactsShare < 1)) {
            throw new IllegalArgumentException("allContactsShare must be in [0, 1), got " + allContactsShare);
        }
    }

    /**
     * The defaults the service ships with: the FDR level, symptom margin and fewest customers tuned on the world
     * families' tuning families ({@code GeneralisationBenchmark}, README), the rest as tuned before on the quality
     * benchmark's seeds.
     */
    public static DetectionSettings defaults() {
        return new DetectionSettings(List.of(Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(72),
                Duration.ofHours(168)), 0.01, 0.0, 1.3, 3, 50, 14, 2.0, 10.0, 2.0,
                List.of("data loss", "lost data", "deleted data", "corrupted data", "lost", "deleted", "corrupt",
                        "security", "cannot log in", "can't log in", "crash on start", "crashes on start"));
    }

    /** The longest window. */
    public Duration longestWindow() {
        return windows.get(windows.size() - 1);
    }
}

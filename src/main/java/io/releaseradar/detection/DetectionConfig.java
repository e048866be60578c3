package io.releaseradar.detection;

import io.releaseradar.detection.core.DetectionSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Detection settings ({@code radar.detection.*}); the defaults are the ones the quality benchmark reports. */
@ConfigMapping(prefix = "radar.detection")
public interface DetectionConfig {

    /**
     * How often every product is evaluated with asOf = now; "off" disables the scheduler. Intervals are aligned to the
     * clock (30s: on the minute and the half minute), and each product is evaluated once per interval by whichever
     * replica gets to it first. 30 s keeps a contact that tips the evidence within a minute of the subscribers' call
     * (the next turn, the evaluation, the alert worker's next run); each turn costs one evaluation per active product.
     */
    @WithDefault("30s")
    String interval();

    /**
     * How long stored health is served from this replica's memory before it is read again from the database: at most
     * this far behind an evaluation another replica ran. The replica that evaluated serves the new health at once.
     */
    @WithDefault("1s")
    Duration healthCacheRefresh();

    /**
     * How many hourly rollup cells each replica keeps in memory, so that an evaluation reads only the hours that
     * changed since the last one (the longest window, 7 days, of a product with 10 versions holds about 250,000);
     * 0 turns it off. Each cell costs about 20 bytes.
     */
    @WithDefault("2000000")
    int rollupCacheCells();

    /** This replica's name in {@code detection_run} (which replica evaluated what); default: host name/pid. */
    Optional<String> instanceName();

    /**
     * Look-back windows, shortest first, ending at the end of asOf's hour, which counts up to asOf (at asOf itself
     * when that is a whole hour).
     */
    @WithDefault("PT6H,PT24H,PT72H,PT168H")
    List<Duration> windows();

    /** Benjamini–Hochberg false discovery rate over one evaluation's version × symptom × window tests. */
    @WithDefault("0.01")
    double falseDiscoveryRate();

    /**
     * The share of that rate given to the tests of a version's contacts as a whole (a few per version), the rest to
     * its symptom tests (thousands); 0 weighs every test the same.
     */
    @WithDefault("0.0")
    double allContactsShare();

    /** Margin of a symptom: H0 is "at most this many times the baseline"; a signal must also reach it (shrunk). */
    @WithDefault("1.3")
    double minRateRatio();

    /** Fewest distinct customers behind a signal. */
    @WithDefault("3")
    int minCustomers();

    /** Below this many active installs a version has "not enough data yet" and raises no alert. */
    @WithDefault("50")
    int minActiveInstalls();

    /** Days since release (at most) the CUSUM looks back. */
    @WithDefault("14")
    int cusumDays();

    /** The rate increase the CUSUM is tuned to detect soonest. */
    @WithDefault("2.0")
    double cusumRateFactor();

    /** The CUSUM's alarm level (natural-log likelihood ratio). */
    @WithDefault("10.0")
    double cusumThreshold();

    /** Product-wide: the last 24 h over the week before must reach this ratio to open a product-wide alert. */
    @WithDefault("2.0")
    double surgeRatio();

    /** Symptoms that make a strong finding CRITICAL (phrases or category names; words matched after normalising). */
    @WithDefault("data loss,lost data,deleted data,corrupted data,lost,deleted,corrupt,security,cannot log in,"
            + "can't log in,crash on start,crashes on start")
    List<String> criticalPhrases();

    /**
     * False version alerts per 100 version-weeks a product's settings may give on its own history (placebo estimate:
     * replayed alerts its alert record does not confirm); the notice-policy form warns above it before auto-send.
     */
    @WithDefault("0.5")
    double falseAlertBudget();

    /** How far back the false-alert estimate replays a product's history (at most 208 days: 5,000 hourly steps). */
    @WithDefault("90d")
    Duration calibrationHistory();

    /** What makes an excess matter (see {@link DetectionSettings.Relevance}). */
    Relevance relevance();

    /** {@code radar.detection.relevance.*}. */
    interface Relevance {

        /** Margin of a version's contacts as a whole: H0 is "at most this many times the baseline". */
        @WithDefault("2.0")
        double allContactsMargin();

        /** An all-contacts excess with no symptom behind it alerts only from this (shrunk) ratio on; else WATCH. */
        @WithDefault("3.0")
        double allContactsAloneRatio();

        /** Customers at the baseline's rate added to both sides of every ratio (shrinkage of thin counts). */
        @WithDefault("3.0")
        double pseudoCustomers();

        /** Log-scale spread between healthy versions assumed for a product too small to estimate its own. */
        @WithDefault("0.25")
        double priorSpread();

        /** Smallest between-version spread used, however alike the versions look. */
        @WithDefault("0.1")
        double minSpread();

        /** A symptom must clear its margin times exp(this × the healthy versions' log-scale spread). */
        @WithDefault("2.0")
        double spreadQuantile();

        /** Fewest customers on the predecessor's day at the same age for that comparison to count. */
        @WithDefault("20")
        int minBaselineCustomers();

        /** A phrase used by this share of the other versions' customers is everyday vocabulary, not a symptom. */
        @WithDefault("0.05")
        double backgroundShare();
    }

    /** The settings as the evaluator takes them. */
    default DetectionSettings settings() {
        Relevance r = relevance();
        return new DetectionSettings(windows(), falseDiscoveryRate(), allContactsShare(), minRateRatio(),
                minCustomers(), minActiveInstalls(), cusumDays(), cusumRateFactor(), cusumThreshold(), surgeRatio(),
                criticalPhrases(), new DetectionSettings.Relevance(r.allContactsMargin(), r.allContactsAloneRatio(),
                        r.pseudoCustomers(), r.priorSpread(), r.minSpread(), r.spreadQuantile(), r.minBaselineCustomers(),
                        r.backgroundShare()));
    }
}

package io.releaseradar.simulation;

import java.util.SplittableRandom;

/**
 * A family of simulated worlds: distributions over everything that shapes a world, from which {@link #draw} takes one
 * world's {@link ScenarioSpec} per seed. A family is one kind of product and support desk (an enterprise product with
 * slow, staged upgrades; a consumer app with bursty, chatty customers; ...); the quality benchmark tunes on some
 * families and reports on others, so that what it reports was never fitted to the world it is measured on
 * ({@code io.releaseradar.bench.GeneralisationBenchmark}). The named families are in {@link WorldFamilies}; how a seed
 * becomes a world is in {@link WorldDraw}.
 *
 * @param name short key, also the worlds' product and scenario name
 * @param description one line for tables
 * @param size how big and how long
 * @param releases the release schedule and how customers upgrade
 * @param behaviour how customers contact support, beyond incidents and events
 * @param events what moves contacts without being a problem of one version
 * @param incidents the injected version problems: the ground truth
 */
public record WorldFamily(String name, String description, Size size, Releases releases, Behaviour behaviour,
        Events events, Incidents incidents) {

    /** The world of this family for a seed: the same seed gives the same spec, and with it the same world. */
    public ScenarioSpec draw(long seed) {
        return WorldDraw.draw(this, seed);
    }

    /** Uniform over [lo, hi] (log-uniform where a draw says so; integers: each of lo..hi alike). */
    public record Range(double lo, double hi) {

        public Range {
            if (!(lo <= hi)) {
                throw new IllegalArgumentException("range [" + lo + ", " + hi + "]");
            }
        }

        public static Range of(double lo, double hi) {
            return new Range(lo, hi);
        }

        public boolean contains(double x) {
            return x >= lo - 1e-9 && x <= hi + 1e-9;
        }

        double draw(SplittableRandom random) {
            return lo + (hi - lo) * random.nextDouble();
        }

        double drawLog(SplittableRandom random) {
            return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * random.nextDouble());
        }

        int drawInt(SplittableRandom random) {
            return (int) Math.min(hi, Math.floor(lo + (hi - lo + 1) * random.nextDouble()));
        }
    }

    /**
     * @param customers customers at the start
     * @param contactsPerInstallDay everyday contacts per active install per day
     * @param evaluationDays days evaluated after a 35-day warm-up
     */
    public record Size(Range customers, Range contactsPerInstallDay, Range evaluationDays) {
    }

    /**
     * A release every {@code gapDays}; each is a staged minor release unless drawn as one of the other kinds.
     *
     * @param gapDays days between releases
     * @param patchShare share of patches, out to everyone at once
     * @param slowStartShare share of releases whose first days reach 1-2% of customers (a thin baseline for the next)
     * @param regionalShare share of regional releases, out to {@code regionalReach} of customers only
     * @param betaShare share of betas, out to {@code betaReach}
     * @param stagedFirstShare the share a staged release reaches on its first day
     * @param stagedDays when a staged release reaches everyone
     * @param medianLagDays customers' median delay from availability to install
     * @param lagSigma log-normal spread of that delay
     * @param laggardShare customers who wait ten times longer
     */
    public record Releases(Range gapDays, double patchShare, double slowStartShare, double regionalShare,
            Range regionalReach, double betaShare, Range betaReach, Range stagedFirstShare, Range stagedDays,
            Range medianLagDays, Range lagSigma, Range laggardShare) {
    }

    /**
     * @param mixSpread each healthy version's own symptom mix, ± this per category ({@link ScenarioSpec.VersionMix})
     * @param propensityShape gamma shape of customers' propensity to call (smaller: more spread)
     * @param followUpChance chance that a contact is followed up by the same customer
     * @param followUpDelayHours mean delay of a follow-up
     * @param busyDaySpread coefficient of variation of the day-to-day factor of all contacts
     * @param noveltyRatio a fresh upgrade's rate over the usual ({@link ScenarioSpec.UpgradeNovelty})
     * @param noveltyHalfLifeDays how fast that fades
     * @param earlyAdopterShare the fastest upgraders who call more ({@link ScenarioSpec.EarlyAdopters})
     * @param earlyAdopterRatio how much more
     * @param typoRate chance per word of a typo
     * @param everydayPhrases how many everyday phrases common to all versions the world has
     * @param everydayPhraseShare share of everyday contacts using one
     * @param genericShare share of everyday subjects in generic words
     * @param variantShare share of contacts about a phrase that write a variant of it
     */
    public record Behaviour(Range mixSpread, Range propensityShape, Range followUpChance, Range followUpDelayHours,
            Range busyDaySpread, Range noveltyRatio, Range noveltyHalfLifeDays, Range earlyAdopterShare,
            Range earlyAdopterRatio, Range typoRate, Range everydayPhrases, Range everydayPhraseShare,
            Range genericShare, Range variantShare) {
    }

    /**
     * Events during the evaluated days.
     *
     * @param outages how many platform outages (every version at once)
     * @param outageRatio extra contacts during one, over the usual rate
     * @param outageHours how long one lasts
     * @param holidays how many holidays
     * @param holidayFactor contacts during one, over the usual
     * @param holidayDays how long one lasts
     * @param marketingChance chance of a marketing campaign (new customers on the newest version, billing questions)
     * @param featureCampaigns how many campaigns for a feature of the newer versions
     * @param featureRatioNewer a feature campaign's category rate on the newer versions, over the usual
     * @param featureRatioOlder the same on the older versions
     * @param featureDays how long one runs
     * @param renameChance chance that the helpdesk renames a category (on every version at once)
     */
    public record Events(Range outages, Range outageRatio, Range outageHours, Range holidays, Range holidayFactor,
            Range holidayDays, double marketingChance, Range featureCampaigns, Range featureRatioNewer,
            Range featureRatioOlder, Range featureDays, double renameChance) {
    }

    /**
     * @param count incidents per world, each on its own version
     * @param ratio the symptom's rate over its baseline, log-uniform
     * @param gradualShare share that grow over {@code rampDays} instead of starting at full strength
     * @param rampDays how long a gradual one grows
     * @param atReleaseShare share shipped with the release; the others start {@code onsetAfterReleaseDays} later
     * @param onsetAfterReleaseDays when a later one starts
     */
    public record Incidents(Range count, Range ratio, double gradualShare, Range rampDays, double atReleaseShare,
            Range onsetAfterReleaseDays) {
    }
}

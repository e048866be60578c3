package io.releaseradar.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the {@link Simulator} needs to build one world; together with a seed it determines the world exactly.
 * Times are offsets from {@code start}, so a scenario can be moved in time ({@link #startingAt}) without changing.
 *
 * @param name short key, e.g. {@code sudden-5x-large}
 * @param description one line for tables and logs
 * @param product the product key
 * @param start first instant with contacts (releases and installations may lie before it)
 * @param warmup contacts before the evaluation period, so that detection has history to compare with
 * @param length from start to the end of the world (exclusive); the evaluation period is [start + warmup, end)
 * @param customers customers at start (a campaign may add more)
 * @param contactsPerInstallDay baseline support contacts per active install per day, averaged over the week
 * @param releases in upgrade order: a customer never moves to an earlier entry
 * @param incidents injected version problems (the ground truth detection should find)
 * @param confounders things that move contact counts without being a version problem
 * @param upgrades how quickly customers install new releases
 * @param habits how contacts arrive (missing fields, typos)
 */
public record ScenarioSpec(String name, String description, String product, Instant start, Duration warmup,
        Duration length, int customers, double contactsPerInstallDay, List<ReleaseSpec> releases,
        List<IncidentSpec> incidents, List<Confounder> confounders, UpgradeHabits upgrades, ContactHabits habits) {

    public ScenarioSpec {
        releases = List.copyOf(releases);
        incidents = List.copyOf(incidents);
        confounders = List.copyOf(confounders);
        if (customers < 1 || !(contactsPerInstallDay > 0) || warmup.isNegative() || length.compareTo(warmup) <= 0) {
            throw new IllegalArgumentException("scenario " + name + ": need customers >= 1, a positive contact rate "
                    + "and length > warmup >= 0");
        }
        if (releases.isEmpty() || releases.stream().map(ReleaseSpec::version).distinct().count() != releases.size()) {
            throw new IllegalArgumentException("scenario " + name + ": releases must be non-empty and distinct");
        }
        for (IncidentSpec incident : incidents) {
            if (releases.stream().noneMatch(r -> r.version().equals(incident.version()))) {
                throw new IllegalArgumentException("scenario " + name + ": incident on unknown version "
                        + incident.version());
            }
        }
    }

    /** The first instant of the evaluation period. */
    public Instant evaluationStart() {
        return start.plus(warmup);
    }

    /** The end of the world, exclusive. */
    public Instant end() {
        return start.plus(length);
    }

    /** The same scenario at another start instant (the demo ends its world at the current hour). */
    public ScenarioSpec startingAt(Instant newStart) {
        return new ScenarioSpec(name, description, product, newStart, warmup, length, customers,
                contactsPerInstallDay, releases, incidents, confounders, upgrades, habits);
    }

    /** The same scenario for another product key. */
    public ScenarioSpec forProduct(String newProduct) {
        return new ScenarioSpec(name, description, newProduct, start, warmup, length, customers,
                contactsPerInstallDay, releases, incidents, confounders, upgrades, habits);
    }

    /** The same scenario with another number of customers. */
    public ScenarioSpec withCustomers(int newCustomers) {
        return new ScenarioSpec(name, description, product, start, warmup, length, newCustomers,
                contactsPerInstallDay, releases, incidents, confounders, upgrades, habits);
    }

    /**
     * A release.
     *
     * @param version the version string
     * @param releasedAfterStart when it was released, relative to the scenario start (negative: before)
     * @param reach share of customers who ever get it (a regional release, a beta programme); the others skip it
     * @param rollout the staged rollout: when which share of eligible customers may install it
     * @param beta a beta: offered only to its reach, and its customers stay on it
     */
    public record ReleaseSpec(String version, Duration releasedAfterStart, double reach, Rollout rollout,
            boolean beta) {

        public ReleaseSpec {
            if (!(reach > 0 && reach <= 1)) {
                throw new IllegalArgumentException("reach must be in (0, 1]: " + reach);
            }
        }

        /** A release everyone gets, with the given rollout. */
        public static ReleaseSpec of(String version, Duration releasedAfterStart, Rollout rollout) {
            return new ReleaseSpec(version, releasedAfterStart, 1.0, rollout, false);
        }
    }

    /**
     * A staged rollout: from {@code stages[i].after} since the release on, a customer whose rollout draw is below
     * {@code stages[i].share} may install it (and does so after their own upgrade lag).
     */
    public record Rollout(List<Stage> stages) {

        /** Every customer may install at once (patches). */
        public static final Rollout IMMEDIATE = new Rollout(List.of(new Stage(Duration.ZERO, 1.0)));
        /** 5% on day one, 25% after two days, everyone after four days (minor and major releases). */
        public static final Rollout STAGED = new Rollout(List.of(new Stage(Duration.ZERO, 0.05),
                new Stage(Duration.ofHours(48), 0.25), new Stage(Duration.ofHours(96), 1.0)));

        public Rollout {
            stages = List.copyOf(stages);
            if (stages.isEmpty() || stages.get(stages.size() - 1).share() < 1.0) {
                throw new IllegalArgumentException("the last stage must reach share 1.0");
            }
        }

        /** One stage. */
        public record Stage(Duration after, double share) {
        }
    }

    /** Whether an incident starts at full strength or grows. */
    public enum Onset {
        SUDDEN, GRADUAL
    }

    /**
     * A version problem: from {@code onset} on, customers running {@code version} contact support about one
     * symptom more often. The rate of contacts in {@code category} on the version becomes {@code ratio} times the
     * category's baseline rate (reached at once when sudden, linearly over {@code ramp} when gradual); the extra
     * contacts describe the problem with {@code phrase} in their own words (with typos, sometimes without the
     * category).
     *
     * @param version the bad version
     * @param onsetAfterRelease when the problem starts, after the version's release (0: shipped with it)
     * @param ratio the category's rate on the version over its baseline rate, e.g. 1.5 to 10
     * @param onset sudden or gradual
     * @param ramp how long a gradual onset takes to reach the full ratio (ignored when sudden)
     * @param category the helpdesk category the contacts are filed under
     * @param phrase what customers say, e.g. "notes vanished"
     */
    public record IncidentSpec(String version, Duration onsetAfterRelease, double ratio, Onset onset, Duration ramp,
            String category, String phrase) {

        public IncidentSpec {
            if (!(ratio > 1)) {
                throw new IllegalArgumentException("an incident's ratio must exceed 1: " + ratio);
            }
            if (!Texts.hasCategory(category)) {
                throw new IllegalArgumentException("unknown category " + category + "; known: " + Texts.categories());
            }
        }
    }

    /** Something that changes contact counts without being a problem of one version. */
    public sealed interface Confounder permits PlatformOutage, MarketingCampaign, HolidayDip, EarlyAdopters,
            CategoryRename, VersionMix, Overdispersion, UpgradeNovelty, FeatureCampaign, Wording {
    }

    /**
     * The vendor's cloud service is down: every customer, whatever version, contacts support {@code ratio} times
     * the usual total rate extra, about not being able to connect.
     */
    public record PlatformOutage(Duration afterStart, Duration length, double ratio) implements Confounder {
    }

    /**
     * A marketing campaign: {@code newCustomerShare} more customers join during it (on the newest release, so the
     * newest version grows fast), every customer asks billing questions at {@code billingRatio} times the usual
     * billing rate extra, and new customers ask how-to questions at twice the usual rate in their first week.
     */
    public record MarketingCampaign(Duration afterStart, Duration length, double newCustomerShare,
            double billingRatio) implements Confounder {
    }

    /** A holiday: contacts drop to {@code factor} of usual, then run at 1.3x for a day as people return. */
    public record HolidayDip(Duration afterStart, Duration length, double factor) implements Confounder {
    }

    /**
     * Benign early adopters: the {@code share} of customers who upgrade fastest contact support {@code ratio} times
     * as often (they use the product harder), so every new version starts with a slightly higher rate.
     */
    public record EarlyAdopters(double share, double ratio) implements Confounder {
    }

    /** The helpdesk renames a category: from {@code afterStart} on, contacts filed under {@code from} say {@code to}. */
    public record CategoryRename(Duration afterStart, String from, String to) implements Confounder {
    }

    /**
     * Healthy versions differ permanently: on each version, each everyday category runs at the usual rate times the
     * version's own factor for it, and each everyday subject of the category is picked with the version's own weight;
     * factors and weights are uniform in [1 - spread, 1 + spread], drawn once per version. A version's everyday rate
     * as a whole is the categories' shares weighted by its factors.
     */
    public record VersionMix(double spread) implements Confounder {

        public VersionMix {
            if (!(spread >= 0 && spread < 1)) {
                throw new IllegalArgumentException("spread must be in [0, 1): " + spread);
            }
        }
    }

    /**
     * Support contacts are clustered, not Poisson: customers' propensities to call are gamma-distributed with mean 1
     * and shape {@code propensityShape} (variance 1 / shape; without this the spread is log-normal, sigma 0.5); each
     * contact is followed up by the same customer, about the same thing and in the same words ("Re: ..."), with
     * chance {@code followUpChance} (and each follow-up again), after an exponential delay of mean
     * {@code followUpDelay}; and every day has its own product-wide factor, gamma-distributed with mean 1 and
     * coefficient of variation {@code busyDaySpread} (busy days: all versions together).
     */
    public record Overdispersion(double propensityShape, double followUpChance, Duration followUpDelay,
            double busyDaySpread) implements Confounder {

        public Overdispersion {
            if (!(propensityShape > 0) || !(followUpChance >= 0 && followUpChance < 1) || !(busyDaySpread >= 0)
                    || followUpDelay.isNegative() || followUpDelay.isZero()) {
                throw new IllegalArgumentException("overdispersion: need shape > 0, follow-up chance in [0, 1), "
                        + "a positive follow-up delay and a day spread >= 0");
            }
        }
    }

    /**
     * Installing a new version makes people call, without anything being wrong with it: from each upgrade on (not
     * from joining), a customer calls {@code ratio - 1} times their usual rate extra, halving every
     * {@code halfLife}: how-to questions about what changed, and everyday complaints blamed on "the update". A
     * version in its first days, whose installs are all fresh, so draws more contacts than the others.
     */
    public record UpgradeNovelty(double ratio, Duration halfLife) implements Confounder {

        public UpgradeNovelty {
            if (!(ratio >= 1) || halfLife.isNegative() || halfLife.isZero()) {
                throw new IllegalArgumentException("novelty: need ratio >= 1 and a positive half-life");
            }
        }
    }

    /**
     * A campaign for a feature of the newer versions: while it runs, customers on {@code fromVersion} or a later
     * release (in upgrade order) contact support in {@code category} at {@code ratioNewer} times its usual rate,
     * customers on earlier releases at {@code ratioOlder} times; the extra contacts ask about {@code phrase} or are
     * everyday questions of the category.
     */
    public record FeatureCampaign(Duration afterStart, Duration length, String category, String phrase,
            String fromVersion, double ratioNewer, double ratioOlder) implements Confounder {

        public FeatureCampaign {
            if (!Texts.hasCategory(category) || !(ratioNewer >= 1) || !(ratioOlder >= 1)) {
                throw new IllegalArgumentException("feature campaign: need a known category and ratios >= 1");
            }
        }
    }

    /**
     * How customers word their contacts beyond the catalogue's templates.
     *
     * @param everydayPhrases phrases customers on every version use in everyday contacts, e.g. "invite colleague"
     * @param everydayPhraseShare share of everyday contacts whose subject is one of {@code everydayPhrases}
     * @param genericShare share of the other everyday contacts whose subject is wrapped in generic words
     *     ("Question: ...", "Help with ...", "... takes ages", "Update: ...")
     * @param variantShare share of contacts about a phrase (an incident's, a rare everyday one) that write a variant
     *     of it: a sub-phrase ("vanished"), the other number ("note vanished") or a misspelt word ("notes vaished")
     */
    public record Wording(List<String> everydayPhrases, double everydayPhraseShare, double genericShare,
            double variantShare) implements Confounder {

        public Wording {
            everydayPhrases = List.copyOf(everydayPhrases);
            if (everydayPhrases.isEmpty() && everydayPhraseShare > 0) {
                throw new IllegalArgumentException("wording: a share of everyday phrases needs phrases");
            }
        }
    }

    /**
     * How customers upgrade.
     *
     * @param medianLag median delay between a release becoming available to a customer and their install
     * @param lagSigma log-normal spread of that delay (heavy tail: some wait months)
     * @param laggardShare share of customers whose delay is ten times longer (they switched auto-update off)
     */
    public record UpgradeHabits(Duration medianLag, double lagSigma, double laggardShare) {

        /** Median four days, sigma 1.2, one in ten a laggard. */
        public static final UpgradeHabits TYPICAL = new UpgradeHabits(Duration.ofDays(4), 1.2, 0.10);
    }

    /**
     * How contacts arrive.
     *
     * @param versionGiven share of contacts that state the version (the rest are resolved from the install base)
     * @param anonymous share of contacts without a customer id (unresolved unless they state the version)
     * @param categoryMissing share of contacts without a helpdesk category
     * @param typoRate chance per word of a typo in subject and body
     */
    public record ContactHabits(double versionGiven, double anonymous, double categoryMissing, double typoRate) {

        /** 40% state the version, 3% anonymous, 10% without category, 4% of words misspelt. */
        public static final ContactHabits TYPICAL = new ContactHabits(0.40, 0.03, 0.10, 0.04);
    }
}

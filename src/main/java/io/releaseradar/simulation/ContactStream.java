package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.FeatureCampaign;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.MarketingCampaign;
import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import io.releaseradar.simulation.ScenarioSpec.UpgradeNovelty;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates each customer's contacts as an inhomogeneous Poisson process over the time they run each version, by
 * thinning: candidates at an upper-bound rate, each kept with probability rate(t) / bound. The rate is the
 * customer's propensity times the weekly rhythm times the holiday factor times the day's factor (busy days) times the
 * sum of what makes people call at t: everyday questions (1, or the version's own mix), the incidents of the version
 * they run, an outage, a campaign, their onboarding, their fresh upgrade, a feature campaign. A kept contact may be
 * followed up by the same customer ({@link Overdispersion}).
 */
final class ContactStream {

    /** A contact before it has an external id: times are seconds since the scenario start. */
    record Draft(long at, String customerId, String actualVersion, Cause cause, int incident, String category,
            String subject, String body) {
    }

    private static final long WEEK = 7 * 86_400L;
    private static final long DAY = 86_400L;

    private final ScenarioSpec spec;
    private final long startEpoch;
    private final long[] incidentOnset;
    private final int[] incidentRelease;
    private final double outageBound;
    private final double campaignBound;
    private final double onboardingBound;
    private final double holidayBound;
    private final double noveltyBound;
    private final double featureBound;
    private final SplittableRandom random;
    private final Variation variation;
    private final ContactWriter writer;
    private final UpgradeNovelty novelty;
    private final Overdispersion overdispersion;
    /** Per feature campaign, the first release (index in upgrade order) it counts as newer. */
    private final Map<FeatureCampaign, Integer> featureFrom = new HashMap<>();
    private final double howToShare = Texts.category("How-to").share();
    private final double billingShare = Texts.category("Billing").share();

    ContactStream(ScenarioSpec spec, long[] incidentOnset, int[] incidentRelease, SplittableRandom random) {
        this.spec = spec;
        this.startEpoch = spec.start().getEpochSecond();
        this.incidentOnset = incidentOnset;
        this.incidentRelease = incidentRelease;
        this.random = random;
        double outage = 0;
        double campaign = 0;
        double onboarding = 0;
        double holiday = 1;
        double fresh = 0;
        double feature = 0;
        UpgradeNovelty upgrade = null;
        Overdispersion clustered = null;
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof PlatformOutage o) {
                outage += o.ratio();
            } else if (c instanceof MarketingCampaign m) {
                campaign += m.billingRatio() * billingShare;
                onboarding = howToShare;
            } else if (c instanceof HolidayDip h) {
                holiday = Math.max(holiday, Math.max(1.3, h.factor()));
            } else if (c instanceof UpgradeNovelty n) {
                upgrade = n;
                fresh = n.ratio() - 1;
            } else if (c instanceof Overdispersion o) {
                clustered = o;
            } else if (c instanceof FeatureCampaign f) {
                feature += (Math.max(f.ratioNewer(), f.ratioOlder()) - 1) * Texts.category(f.category()).share();
                featureFrom.put(f, releaseIndex(spec, f.fromVersion()));
            }
        }
        this.noveltyBound = fresh;
        this.featureBound = feature;
        this.novelty = upgrade;
        this.overdispersion = clustered;
        this.variation = Variation.of(spec, random);
        this.writer = new ContactWriter(spec, variation, random);
        this.outageBound = outage;
        this.campaignBound = campaign;
        this.onboardingBound = onboarding;
        this.holidayBound = holiday;
    }

    /** All contacts of one customer while running release {@code release} over [from, to). */
    void generate(Population.Member m, Population.Stint stint, List<Draft> out) {
        long from = Math.max(0, stint.from());
        long to = Math.min(spec.length().toSeconds(), stint.to());
        if (from >= to) {
            return;
        }
        double incidentBound = 0;
        for (int k = 0; k < incidentRelease.length; k++) {
            if (incidentRelease[k] == stint.release()) {
                IncidentSpec incident = spec.incidents().get(k);
                incidentBound += (incident.ratio() - 1) * Texts.category(incident.category()).share();
            }
        }
        double perSecond = spec.contactsPerInstallDay() / DAY * m.propensity;
        // an upgrade, not the installation a customer joined with
        boolean upgraded = stint.from() > m.joinedAt;
        double bound = perSecond * Rhythm.MAX * holidayBound * variation.maxDayFactor()
                * (variation.everydayRate(stint.release()) + incidentBound + outageBound + campaignBound
                        + (m.campaign ? onboardingBound : 0) + (upgraded ? noveltyBound : 0) + featureBound);
        double[] parts = new double[6 + incidentRelease.length];
        double t = from;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / bound;
            if (t >= to) {
                return;
            }
            long at = (long) t;
            double total = components(m, stint, upgraded, at, parts);
            double rate = perSecond * Rhythm.at(startEpoch + at) * holiday(at) * variation.dayFactor(at) * total;
            if (random.nextDouble() * bound < rate) {
                Draft d = writer.draft(m.id, stint.release(), at, parts, total);
                out.add(d);
                if (overdispersion != null) {
                    writer.followUps(d, overdispersion, to, out);
                }
            }
        }
    }

    /**
     * Fills parts with what makes this customer call at t: [everyday, outage, campaign, onboarding, incidents...,
     * upgrade novelty, feature campaign].
     */
    private double components(Population.Member m, Population.Stint stint, boolean upgraded, long at,
            double[] parts) {
        int release = stint.release();
        parts[0] = variation.everydayRate(release);
        parts[1] = 0;
        parts[2] = 0;
        parts[3] = 0;
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof PlatformOutage o && within(at, o.afterStart().toSeconds(), o.length().toSeconds())) {
                parts[1] += o.ratio();
            } else if (c instanceof MarketingCampaign g) {
                if (within(at, g.afterStart().toSeconds(), g.length().toSeconds())) {
                    parts[2] += g.billingRatio() * billingShare;
                }
                if (m.campaign && at >= m.joinedAt && at < m.joinedAt + WEEK) {
                    parts[3] = howToShare;
                }
            }
        }
        double total = parts[0] + parts[1] + parts[2] + parts[3];
        for (int k = 0; k < incidentRelease.length; k++) {
            double extra = 0;
            if (incidentRelease[k] == release && at >= incidentOnset[k]) {
                IncidentSpec incident = spec.incidents().get(k);
                double strength = incident.onset() == ScenarioSpec.Onset.SUDDEN ? 1.0
                        : Math.min(1.0, (at - incidentOnset[k]) / (double) Math.max(1, incident.ramp().toSeconds()));
                extra = (incident.ratio() - 1) * Texts.category(incident.category()).share() * strength;
            }
            parts[4 + k] = extra;
            total += extra;
        }
        int after = 4 + incidentRelease.length;
        parts[after] = upgraded && novelty != null
                ? noveltyBound * Math.pow(0.5, (at - stint.from()) / (double) novelty.halfLife().toSeconds()) : 0;
        parts[after + 1] = 0;
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof FeatureCampaign f && within(at, f.afterStart().toSeconds(), f.length().toSeconds())) {
                double ratio = release >= featureFrom.get(f) ? f.ratioNewer() : f.ratioOlder();
                parts[after + 1] += (ratio - 1) * Texts.category(f.category()).share();
            }
        }
        // adding zeros leaves the total of a scenario without these exactly as it was
        total += parts[after];
        total += parts[after + 1];
        return total;
    }

    private static int releaseIndex(ScenarioSpec spec, String version) {
        for (int r = 0; r < spec.releases().size(); r++) {
            if (spec.releases().get(r).version().equals(version)) {
                return r;
            }
        }
        throw new IllegalArgumentException("feature campaign from unknown version " + version);
    }

    private double holiday(long at) {
        double f = 1.0;
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof HolidayDip h) {
                long from = h.afterStart().toSeconds();
                long length = h.length().toSeconds();
                if (within(at, from, length)) {
                    f *= h.factor();
                } else if (within(at, from + length, DAY)) {
                    f *= 1.3; // people catch up after the holiday
                }
            }
        }
        return f;
    }

    private static boolean within(long at, long from, long length) {
        return at >= from && at < from + length;
    }
}

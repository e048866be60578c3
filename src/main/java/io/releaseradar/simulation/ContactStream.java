package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.CategoryRename;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.MarketingCampaign;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates each customer's contacts as an inhomogeneous Poisson process over the time they run each version, by
 * thinning: candidates at an upper-bound rate, each kept with probability rate(t) / bound. The rate is the
 * customer's propensity times the weekly rhythm times the holiday factor times the sum of what makes people call at
 * t: everyday questions (1), the incidents of the version they run, an outage, a campaign, their onboarding.
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
    private final SplittableRandom random;
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
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof PlatformOutage o) {
                outage += o.ratio();
            } else if (c instanceof MarketingCampaign m) {
                campaign += m.billingRatio() * billingShare;
                onboarding = howToShare;
            } else if (c instanceof HolidayDip h) {
                holiday = Math.max(holiday, Math.max(1.3, h.factor()));
            }
        }
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
        double bound = perSecond * Rhythm.MAX * holidayBound
                * (1 + incidentBound + outageBound + campaignBound + (m.campaign ? onboardingBound : 0));
        double[] parts = new double[4 + incidentRelease.length];
        double t = from;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / bound;
            if (t >= to) {
                return;
            }
            long at = (long) t;
            double total = components(m, stint.release(), at, parts);
            double rate = perSecond * Rhythm.at(startEpoch + at) * holiday(at) * total;
            if (random.nextDouble() * bound < rate) {
                out.add(draft(m, stint.release(), at, parts, total));
            }
        }
    }

    /** Fills parts with what makes this customer call at t: [everyday, outage, campaign, onboarding, incidents...]. */
    private double components(Population.Member m, int release, long at, double[] parts) {
        parts[0] = 1.0;
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
        return total;
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

    private Draft draft(Population.Member m, int release, long at, double[] parts, double total) {
        double u = random.nextDouble() * total;
        int chosen = 0;
        for (int i = 0; i < parts.length; i++) {
            u -= parts[i];
            if (u < 0 && parts[i] > 0) {
                chosen = i;
                break;
            }
        }
        String version = spec.releases().get(release).version();
        double typos = spec.habits().typoRate();
        Texts.Category category;
        String[] text;
        Cause cause;
        int incident = -1;
        switch (chosen) {
            case 1 -> {
                cause = Cause.OUTAGE;
                category = Texts.category("Connectivity");
                text = Texts.about(Texts.pick(category.rare(), random), typos, random);
            }
            case 2 -> {
                cause = Cause.CAMPAIGN;
                category = Texts.category("Billing");
                text = Texts.about("discount code", typos, random);
            }
            case 3 -> {
                cause = Cause.ONBOARDING;
                category = Texts.category("How-to");
                text = random.nextBoolean() ? Texts.about("getting started", typos, random)
                        : Texts.everyday(category, typos, random);
            }
            case 0 -> {
                cause = Cause.EVERYDAY;
                category = Texts.everydayCategory(random);
                text = Texts.everyday(category, typos, random);
            }
            default -> {
                cause = Cause.INCIDENT;
                incident = chosen - 4;
                IncidentSpec spec = this.spec.incidents().get(incident);
                category = Texts.category(spec.category());
                text = Texts.about(spec.phrase(), typos, random);
            }
        }
        return new Draft(at, m.id, version, cause, incident, filedCategory(category.name(), at), text[0], text[1]);
    }

    /** The category as the helpdesk files it at t: renamed from the rename on. */
    private String filedCategory(String name, long at) {
        String filed = name;
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof CategoryRename r && at >= r.afterStart().toSeconds() && filed.equals(r.from())) {
                filed = r.to();
            }
        }
        return filed;
    }

    private static boolean within(long at, long from, long length) {
        return at >= from && at < from + length;
    }
}

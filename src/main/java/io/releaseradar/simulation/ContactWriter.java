package io.releaseradar.simulation;

import io.releaseradar.simulation.ContactStream.Draft;
import io.releaseradar.simulation.ScenarioSpec.CategoryRename;
import io.releaseradar.simulation.ScenarioSpec.FeatureCampaign;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one contact {@link ContactStream} keeps is about: its cause, drawn by the share of each part of the rate at
 * its instant, and then its category and text; and the follow-ups a customer writes about it. Draws from the
 * stream's random, in the stream's order.
 */
final class ContactWriter {

    private final ScenarioSpec spec;
    private final Variation variation;
    private final Wordings wordings;
    private final SplittableRandom random;

    ContactWriter(ScenarioSpec spec, Variation variation, SplittableRandom random) {
        this.spec = spec;
        this.variation = variation;
        this.wordings = new Wordings(spec);
        this.random = random;
    }

    /**
     * A contact at {@code at} by a customer running {@code release}; {@code parts} are the parts of the rate at
     * {@code at} as {@link ContactStream} fills them, {@code total} their sum.
     */
    Draft draft(String customerId, int release, long at, double[] parts, double total) {
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
        int incidents = spec.incidents().size();
        Texts.Category category;
        String[] text;
        Cause cause;
        int incident = -1;
        if (chosen == 0) {
            cause = Cause.EVERYDAY;
            category = variation.everydayCategory(release, random);
            text = wordings.everyday(category, variation.subjectWeights(release, category), random);
        } else if (chosen == 1) {
            cause = Cause.OUTAGE;
            category = Texts.category("Connectivity");
            text = wordings.about(Texts.pick(category.rare(), random), random);
        } else if (chosen == 2) {
            cause = Cause.CAMPAIGN;
            category = Texts.category("Billing");
            text = wordings.about("discount code", random);
        } else if (chosen == 3) {
            cause = Cause.ONBOARDING;
            category = Texts.category("How-to");
            text = random.nextBoolean() ? wordings.about("getting started", random)
                    : wordings.everyday(category, null, random);
        } else if (chosen < 4 + incidents) {
            cause = Cause.INCIDENT;
            incident = chosen - 4;
            IncidentSpec incidentSpec = spec.incidents().get(incident);
            category = Texts.category(incidentSpec.category());
            text = wordings.about(incidentSpec.phrase(), random);
        } else if (chosen == 4 + incidents) {
            // what changed, or what the update is blamed for
            cause = Cause.UPGRADE;
            if (random.nextDouble() < 0.4) {
                category = Texts.category("How-to");
                text = wordings.everyday(category, null, random);
            } else {
                category = variation.everydayCategory(release, random);
                text = wordings.afterUpdate(category, variation.subjectWeights(release, category), random);
            }
        } else {
            cause = Cause.CAMPAIGN;
            FeatureCampaign f = activeFeature(at);
            category = Texts.category(f.category());
            text = random.nextBoolean() ? wordings.about(f.phrase(), random)
                    : wordings.everyday(category, null, random);
        }
        return new Draft(at, customerId, version, cause, incident, filedCategory(category.name(), at), text[0],
                text[1]);
    }

    private FeatureCampaign activeFeature(long at) {
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof FeatureCampaign f && within(at, f.afterStart().toSeconds(), f.length().toSeconds())) {
                return f;
            }
        }
        throw new IllegalStateException("no feature campaign at " + at);
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

    /** Follow-ups of a contact by the same customer while they still run the version, each with the same chance. */
    void followUps(Draft first, Overdispersion overdispersion, long to, List<Draft> out) {
        double meanDelay = overdispersion.followUpDelay().toSeconds();
        long at = first.at();
        while (random.nextDouble() < overdispersion.followUpChance()) {
            at += (long) (-Math.log(1 - random.nextDouble()) * meanDelay);
            if (at >= to) {
                return;
            }
            String[] text = Wordings.followUp(first.subject(), first.body(), random);
            // filed anew: a rename since the first contact applies to the follow-up too
            out.add(new Draft(at, first.customerId(), first.actualVersion(), first.cause(), first.incident(),
                    first.category() == null ? null : filedCategory(first.category(), at), text[0], text[1]));
        }
    }

    private static boolean within(long at, long from, long length) {
        return at >= from && at < from + length;
    }
}

package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.CategoryRename;
import io.releaseradar.simulation.ScenarioSpec.Confounder;
import io.releaseradar.simulation.ScenarioSpec.ContactHabits;
import io.releaseradar.simulation.ScenarioSpec.EarlyAdopters;
import io.releaseradar.simulation.ScenarioSpec.FeatureCampaign;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.MarketingCampaign;
import io.releaseradar.simulation.ScenarioSpec.Onset;
import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.Rollout;
import io.releaseradar.simulation.ScenarioSpec.UpgradeHabits;
import io.releaseradar.simulation.ScenarioSpec.UpgradeNovelty;
import io.releaseradar.simulation.ScenarioSpec.VersionMix;
import io.releaseradar.simulation.ScenarioSpec.Wording;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a {@link WorldFamily} and a seed become one world's {@link ScenarioSpec}. Every world starts on the same Monday,
 * has releases from 70 days before its start on (so the evaluated versions have predecessors with a history), 35
 * days of warm-up and then the evaluated days, in which its events happen. Each part of a world is drawn from its own
 * stream of the seed, so that one more release does not change the customers' behaviour.
 */
final class WorldDraw {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final Duration WARMUP = Duration.ofDays(35);
    private static final int HISTORY_DAYS = 70;

    /** An incident's helpdesk category and what customers say; the first five are rare in everyday contacts too. */
    static final List<List<String>> SYMPTOMS = List.of(List.of("Sync", "notes vanished"),
            List.of("Sync", "duplicate notes"), List.of("Login", "cannot log in"),
            List.of("Performance", "battery drain"), List.of("Crash", "crash on start"),
            List.of("Sync", "attachments missing"), List.of("Crash", "freezes on export"),
            List.of("Performance", "slow search"));
    /** Everyday phrases a world's customers use on every version. */
    static final List<String> EVERYDAY_PHRASES = List.of("invite colleague", "change question", "update",
            "takes long", "help needed", "dark mode", "export to pdf", "share notebook", "question about update",
            "reset password", "new device", "license key", "add user", "team plan", "calendar integration",
            "print layout");
    /** What the helpdesk renames a category to. */
    static final Map<String, String> RENAMES = Map.of("Sync", "Sync Issues", "Login", "Account access", "How-to",
            "Questions", "Performance", "Speed", "Billing", "Payments", "Crash", "Stability");
    private static final List<String> FEATURES = List.of("new templates", "shared notebooks", "ai summary",
            "calendar sync", "tags");

    private WorldDraw() {
    }

    static ScenarioSpec draw(WorldFamily family, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + family.name().hashCode());
        SplittableRandom sizes = random.split();
        SplittableRandom schedule = random.split();
        SplittableRandom behaviour = random.split();
        SplittableRandom events = random.split();
        SplittableRandom problems = random.split();

        WorldFamily.Size size = family.size();
        int customers = (int) Math.round(size.customers().draw(sizes));
        double rate = size.contactsPerInstallDay().draw(sizes);
        int evaluationDays = size.evaluationDays().drawInt(sizes);
        Duration length = WARMUP.plusDays(evaluationDays);

        WorldFamily.Releases r = family.releases();
        List<ReleaseSpec> releases = releases(r, length, schedule);
        UpgradeHabits upgrades = new UpgradeHabits(days(r.medianLagDays().draw(schedule)),
                r.lagSigma().draw(schedule), r.laggardShare().draw(schedule));

        List<IncidentSpec> incidents = incidents(family.incidents(), releases, length, problems);
        List<Confounder> confounders = new ArrayList<>(behaviour(family.behaviour(), behaviour));
        double typoRate = family.behaviour().typoRate().draw(behaviour);
        confounders.addAll(events(family.events(), releases, incidents, evaluationDays, events));
        return new ScenarioSpec(family.name(), family.description() + ", seed " + seed, family.name(), START, WARMUP,
                length, customers, rate, releases, incidents, confounders, upgrades,
                new ContactHabits(0.40, 0.03, 0.10, typoRate));
    }

    /** 1.0.0 long ago, then a release every gap from 70 days before the start to two days before the end. */
    private static List<ReleaseSpec> releases(WorldFamily.Releases p, Duration length, SplittableRandom r) {
        List<ReleaseSpec> out = new ArrayList<>();
        out.add(ReleaseSpec.of("1.0.0", Duration.ofDays(-400), Rollout.IMMEDIATE));
        int minor = 0;
        int patch = 0;
        int betas = 0;
        double day = -HISTORY_DAYS;
        while (true) {
            day += p.gapDays().draw(r);
            if (day >= length.toDays() - 2) {
                return out;
            }
            // released on a working hour of that day
            Duration at = Duration.ofDays((long) Math.floor(day)).plusHours(8 + r.nextInt(9));
            double u = r.nextDouble();
            if (u < p.patchShare()) {
                out.add(ReleaseSpec.of("1." + minor + "." + ++patch, at, Rollout.IMMEDIATE));
            } else if ((u -= p.patchShare()) < p.slowStartShare()) {
                patch = 0;
                out.add(ReleaseSpec.of("1." + ++minor + ".0", at, slowStart(r)));
            } else if ((u -= p.slowStartShare()) < p.regionalShare()) {
                out.add(new ReleaseSpec("1." + minor + "." + ++patch, at, p.regionalReach().draw(r),
                        Rollout.IMMEDIATE, false));
            } else if ((u -= p.regionalShare()) < p.betaShare()) {
                out.add(new ReleaseSpec("1." + (minor + 1) + ".0-beta." + ++betas, at, p.betaReach().draw(r),
                        Rollout.IMMEDIATE, true));
            } else {
                patch = 0;
                out.add(ReleaseSpec.of("1." + ++minor + ".0", at, staged(p, r)));
            }
        }
    }

    private static Rollout staged(WorldFamily.Releases p, SplittableRandom r) {
        double first = p.stagedFirstShare().draw(r);
        double full = p.stagedDays().draw(r);
        double middle = Math.max(first, 0.3 + 0.2 * r.nextDouble());
        return new Rollout(List.of(new Rollout.Stage(Duration.ZERO, first),
                new Rollout.Stage(days(full / 2), middle), new Rollout.Stage(days(full), 1.0)));
    }

    /** 1-2% for three to five days, a fifth until day 7-10, then everyone: the next release's thin predecessor. */
    private static Rollout slowStart(SplittableRandom r) {
        return new Rollout(List.of(new Rollout.Stage(Duration.ZERO, 0.01 + 0.01 * r.nextDouble()),
                new Rollout.Stage(days(3 + 2 * r.nextDouble()), 0.15 + 0.1 * r.nextDouble()),
                new Rollout.Stage(days(7 + 3 * r.nextDouble()), 1.0)));
    }

    /**
     * Incidents on distinct versions (no betas, none out to fewer than 5% of customers) released from two weeks before
     * the evaluated days to a week before their end, starting inside the evaluated days and at least six days before
     * their end, so that there is time to find them.
     */
    private static List<IncidentSpec> incidents(WorldFamily.Incidents p, List<ReleaseSpec> releases, Duration length,
            SplittableRandom r) {
        int wanted = p.count().drawInt(r);
        List<ReleaseSpec> candidates = new ArrayList<>(releases.stream().filter(v -> !v.beta() && v.reach() >= 0.05)
                .filter(v -> v.releasedAfterStart().compareTo(WARMUP.minusDays(14)) >= 0
                        && v.releasedAfterStart().compareTo(length.minusDays(7)) <= 0)
                .toList());
        for (int i = candidates.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            candidates.set(i, candidates.set(j, candidates.get(i)));
        }
        List<IncidentSpec> out = new ArrayList<>();
        for (ReleaseSpec v : candidates) {
            Duration after = r.nextDouble() < p.atReleaseShare() ? Duration.ZERO
                    : days(p.onsetAfterReleaseDays().draw(r));
            if (v.releasedAfterStart().plus(after).compareTo(WARMUP) < 0) {
                after = WARMUP.minus(v.releasedAfterStart()).plusHours(24 + r.nextInt(48));
            }
            double ratio = p.ratio().drawLog(r);
            boolean gradual = r.nextDouble() < p.gradualShare();
            Duration ramp = gradual ? days(p.rampDays().draw(r)) : Duration.ZERO;
            List<String> symptom = SYMPTOMS.get(r.nextInt(SYMPTOMS.size()));
            if (out.size() < wanted && v.releasedAfterStart().plus(after).compareTo(length.minusDays(6)) <= 0) {
                out.add(new IncidentSpec(v.version(), after, ratio, gradual ? Onset.GRADUAL : Onset.SUDDEN, ramp,
                        symptom.get(0), symptom.get(1)));
            }
        }
        return out;
    }

    private static List<Confounder> behaviour(WorldFamily.Behaviour b, SplittableRandom r) {
        List<String> phrases = new ArrayList<>(EVERYDAY_PHRASES);
        for (int i = phrases.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            phrases.set(i, phrases.set(j, phrases.get(i)));
        }
        return List.of(new VersionMix(b.mixSpread().draw(r)),
                new Overdispersion(b.propensityShape().draw(r), b.followUpChance().draw(r),
                        hours(b.followUpDelayHours().draw(r)), b.busyDaySpread().draw(r)),
                new UpgradeNovelty(b.noveltyRatio().draw(r), days(b.noveltyHalfLifeDays().draw(r))),
                new EarlyAdopters(b.earlyAdopterShare().draw(r), b.earlyAdopterRatio().draw(r)),
                new Wording(phrases.subList(0, b.everydayPhrases().drawInt(r)), b.everydayPhraseShare().draw(r),
                        b.genericShare().draw(r), b.variantShare().draw(r)));
    }

    private static List<Confounder> events(WorldFamily.Events e, List<ReleaseSpec> releases,
            List<IncidentSpec> incidents, int evaluationDays, SplittableRandom r) {
        List<Confounder> out = new ArrayList<>();
        for (int i = e.outages().drawInt(r); i > 0; i--) {
            Duration at = WARMUP.plusDays(r.nextInt(evaluationDays - 1)).plusHours(8 + r.nextInt(9));
            out.add(new PlatformOutage(at, hours(e.outageHours().draw(r)), e.outageRatio().draw(r)));
        }
        out.addAll(holidays(e, evaluationDays, r));
        if (r.nextDouble() < e.marketingChance()) {
            out.add(new MarketingCampaign(WARMUP.plusDays(r.nextInt(Math.max(1, evaluationDays - 7))),
                    days(5 + 5 * r.nextDouble()), 0.05 + 0.10 * r.nextDouble(), 0.5 + r.nextDouble()));
        }
        for (int i = e.featureCampaigns().drawInt(r); i > 0; i--) {
            Duration from = WARMUP.plusDays(r.nextInt(Math.max(1, evaluationDays - 5))).plusHours(r.nextInt(24));
            // the feature came with the newest release out at the campaign's start, or the one before
            List<ReleaseSpec> before = releases.stream().filter(v -> !v.beta() && v.reach() == 1.0
                    && v.releasedAfterStart().compareTo(from) < 0).toList();
            String fromVersion = before.get(Math.max(0, before.size() - 1 - r.nextInt(2))).version();
            String category = r.nextDouble() < 0.7 ? "How-to"
                    : List.of("Sync", "Performance", "Login").get(r.nextInt(3));
            out.add(new FeatureCampaign(from, days(e.featureDays().draw(r)), category,
                    FEATURES.get(r.nextInt(FEATURES.size())), fromVersion, e.featureRatioNewer().draw(r),
                    e.featureRatioOlder().draw(r)));
        }
        if (r.nextDouble() < e.renameChance()) {
            // never an incident's category: the ground truth names it as filed before any rename
            List<String> renamable = RENAMES.keySet().stream().sorted()
                    .filter(c -> incidents.stream().noneMatch(i -> i.category().equals(c))).toList();
            String from = renamable.get(r.nextInt(renamable.size()));
            Duration at = WARMUP.plusDays(2 + r.nextInt(Math.max(1, evaluationDays - 5))).plusHours(r.nextInt(24));
            out.add(new CategoryRename(at, from, RENAMES.get(from)));
        }
        return out;
    }

    /** Holidays that neither overlap nor touch each other's catch-up day. */
    private static List<HolidayDip> holidays(WorldFamily.Events e, int evaluationDays, SplittableRandom r) {
        List<HolidayDip> out = new ArrayList<>();
        int wanted = e.holidays().drawInt(r);
        for (int attempt = 0; attempt < 20 && out.size() < wanted; attempt++) {
            int length = (int) Math.round(e.holidayDays().draw(r));
            int from = r.nextInt(Math.max(1, evaluationDays - length - 1));
            double factor = e.holidayFactor().draw(r);
            boolean clear = out.stream().allMatch(h -> {
                long start = h.afterStart().minus(WARMUP).toDays();
                long end = start + h.length().toDays() + 2;
                return from + length + 2 <= start || from >= end;
            });
            if (clear) {
                out.add(new HolidayDip(WARMUP.plusDays(from), Duration.ofDays(length), factor));
            }
        }
        return out;
    }

    static Duration days(double days) {
        return Duration.ofMinutes(Math.round(days * 1440));
    }

    static Duration hours(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }
}

package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.simulation.ScenarioSpec.Confounder;
import io.releaseradar.simulation.ScenarioSpec.EarlyAdopters;
import io.releaseradar.simulation.ScenarioSpec.FeatureCampaign;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.UpgradeNovelty;
import io.releaseradar.simulation.ScenarioSpec.VersionMix;
import io.releaseradar.simulation.ScenarioSpec.Wording;
import io.releaseradar.simulation.WorldFamily.Range;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A world family draws one world per seed: reproducibly, differently per seed, and within its ranges. */
class WorldFamilyTest {

    private static final List<Long> SEEDS = LongStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void theSameSeedGivesTheSameWorld() {
        for (WorldFamily family : WorldFamilies.all()) {
            assertThat(family.draw(7)).as(family.name()).isEqualTo(family.draw(7));
        }
        WorldFamily family = WorldFamilies.FAST_ROLLOUT;
        assertThat(Simulator.simulate(family.draw(7), 7)).isEqualTo(Simulator.simulate(family.draw(7), 7));
    }

    @Test
    void differentSeedsDrawDifferentWorlds() {
        for (WorldFamily family : WorldFamilies.all()) {
            List<ScenarioSpec> specs = SEEDS.stream().map(family::draw).toList();
            assertThat(new HashSet<>(specs)).as(family.name()).hasSameSizeAs(specs);
            // each drawn number moves with the seed: no parameter is stuck at one value
            assertThat(specs.stream().map(ScenarioSpec::customers).distinct().count()).isGreaterThan(15);
            assertThat(specs.stream().map(s -> s.releases().size()).distinct().count()).isGreaterThan(1);
            assertThat(specs.stream().map(s -> one(s, VersionMix.class).spread()).distinct().count())
                    .isGreaterThan(15);
            assertThat(specs.stream().map(s -> one(s, Overdispersion.class)).distinct().count()).isGreaterThan(15);
            assertThat(specs.stream().map(s -> s.incidents().get(0).ratio()).distinct().count()).isGreaterThan(15);
        }
    }

    @Test
    void everyDrawnParameterLiesWithinItsFamilysRange() {
        for (WorldFamily family : WorldFamilies.all()) {
            for (long seed : SEEDS) {
                ScenarioSpec spec = family.draw(seed);
                String what = family.name() + "/" + seed;
                WorldFamily.Size size = family.size();
                assertIn(size.customers(), spec.customers(), what + " customers");
                assertIn(size.contactsPerInstallDay(), spec.contactsPerInstallDay(), what + " rate");
                assertIn(size.evaluationDays(), spec.length().minus(spec.warmup()).toDays(), what + " days");
                assertIn(family.behaviour().typoRate(), spec.habits().typoRate(), what + " typos");
                assertIn(family.releases().medianLagDays(), spec.upgrades().medianLag().toMinutes() / 1440.0,
                        what + " lag");
                releases(family.releases(), spec, what);
                behaviour(family.behaviour(), spec, what);
                events(family.events(), spec, what);
                incidents(family.incidents(), spec, what);
            }
        }
    }

    private static void releases(WorldFamily.Releases p, ScenarioSpec spec, String what) {
        List<ReleaseSpec> releases = spec.releases();
        // after 1.0.0, one release every gap (each release is placed on a working hour of its day)
        for (int i = 2; i < releases.size(); i++) {
            double gap = releases.get(i).releasedAfterStart().minus(releases.get(i - 1).releasedAfterStart())
                    .toMinutes() / 1440.0;
            assertThat(gap).as(what + " gap before " + releases.get(i).version()).isBetween(p.gapDays().lo() - 1,
                    p.gapDays().hi() + 1);
        }
        for (ReleaseSpec r : releases) {
            if (r.beta()) {
                assertIn(p.betaReach(), r.reach(), what + " beta reach");
            } else if (r.reach() < 1) {
                assertIn(p.regionalReach(), r.reach(), what + " regional reach");
            }
        }
    }

    private static void behaviour(WorldFamily.Behaviour b, ScenarioSpec spec, String what) {
        assertIn(b.mixSpread(), one(spec, VersionMix.class).spread(), what + " mix");
        Overdispersion o = one(spec, Overdispersion.class);
        assertIn(b.propensityShape(), o.propensityShape(), what + " shape");
        assertIn(b.followUpChance(), o.followUpChance(), what + " follow-ups");
        assertIn(b.followUpDelayHours(), o.followUpDelay().toMinutes() / 60.0, what + " follow-up delay");
        assertIn(b.busyDaySpread(), o.busyDaySpread(), what + " busy days");
        UpgradeNovelty n = one(spec, UpgradeNovelty.class);
        assertIn(b.noveltyRatio(), n.ratio(), what + " novelty");
        assertIn(b.noveltyHalfLifeDays(), n.halfLife().toMinutes() / 1440.0, what + " novelty half-life");
        EarlyAdopters e = one(spec, EarlyAdopters.class);
        assertIn(b.earlyAdopterShare(), e.share(), what + " early adopters");
        assertIn(b.earlyAdopterRatio(), e.ratio(), what + " early adopters' ratio");
        Wording w = one(spec, Wording.class);
        assertIn(b.everydayPhrases(), w.everydayPhrases().size(), what + " everyday phrases");
        assertThat(WorldDraw.EVERYDAY_PHRASES).containsAll(w.everydayPhrases());
        assertIn(b.everydayPhraseShare(), w.everydayPhraseShare(), what + " everyday phrase share");
        assertIn(b.genericShare(), w.genericShare(), what + " generic share");
        assertIn(b.variantShare(), w.variantShare(), what + " variant share");
    }

    private static void events(WorldFamily.Events e, ScenarioSpec spec, String what) {
        List<PlatformOutage> outages = all(spec, PlatformOutage.class);
        assertIn(e.outages(), outages.size(), what + " outages");
        for (PlatformOutage o : outages) {
            assertIn(e.outageRatio(), o.ratio(), what + " outage ratio");
            assertIn(e.outageHours(), o.length().toMinutes() / 60.0, what + " outage length");
            assertThat(o.afterStart()).isGreaterThanOrEqualTo(spec.warmup());
        }
        List<HolidayDip> holidays = all(spec, HolidayDip.class);
        assertThat(holidays.size()).as(what + " holidays").isLessThanOrEqualTo((int) e.holidays().hi());
        for (HolidayDip h : holidays) {
            assertIn(e.holidayFactor(), h.factor(), what + " holiday factor");
            assertIn(Range.of(Math.round(e.holidayDays().lo()), Math.round(e.holidayDays().hi())),
                    h.length().toDays(), what + " holiday length");
        }
        List<FeatureCampaign> campaigns = all(spec, FeatureCampaign.class);
        assertIn(e.featureCampaigns(), campaigns.size(), what + " feature campaigns");
        for (FeatureCampaign f : campaigns) {
            assertIn(e.featureRatioNewer(), f.ratioNewer(), what + " feature campaign, newer");
            assertIn(e.featureRatioOlder(), f.ratioOlder(), what + " feature campaign, older");
            assertIn(e.featureDays(), f.length().toMinutes() / 1440.0, what + " feature campaign length");
        }
    }

    private static void incidents(WorldFamily.Incidents p, ScenarioSpec spec, String what) {
        List<IncidentSpec> incidents = spec.incidents();
        assertThat(incidents.size()).as(what + " incidents").isBetween(1, (int) p.count().hi());
        Set<String> versions = incidents.stream().map(IncidentSpec::version).collect(Collectors.toSet());
        assertThat(versions).as(what + ": one incident per version").hasSameSizeAs(incidents);
        for (IncidentSpec i : incidents) {
            assertIn(p.ratio(), i.ratio(), what + " incident ratio");
            ReleaseSpec release = spec.releases().stream().filter(r -> r.version().equals(i.version())).findFirst()
                    .orElseThrow();
            Duration onset = release.releasedAfterStart().plus(i.onsetAfterRelease());
            assertThat(onset).as(what + " onset").isGreaterThanOrEqualTo(spec.warmup())
                    .isLessThanOrEqualTo(spec.length().minusDays(6));
            assertThat(release.beta()).isFalse();
        }
    }

    private static void assertIn(Range range, double value, String what) {
        assertThat(range.contains(value)).as(what + ": " + value + " in " + range).isTrue();
    }

    static <T extends Confounder> T one(ScenarioSpec spec, Class<T> type) {
        List<T> found = all(spec, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static <T extends Confounder> List<T> all(ScenarioSpec spec, Class<T> type) {
        return spec.confounders().stream().filter(type::isInstance).map(type::cast).toList();
    }
}

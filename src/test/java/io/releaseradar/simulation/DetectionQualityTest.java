package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.simulation.DetectionReplay.FalseAlert;
import io.releaseradar.simulation.DetectionReplay.Score;
import io.releaseradar.simulation.ScenarioSpec.Confounder;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.MarketingCampaign;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detection quality on one fixed seed, quick enough for every build, with the shipped settings: the evaluator,
 * replayed hourly over a simulated month, finds a sudden fivefold incident on a large version and names its
 * symptom, and no confounder opens a version alert while it acts. Only then: at about one false version alert per
 * 100 version-weeks, a month of eleven versions has an unrelated chance alert somewhere about every third seed; the
 * benchmark ({@code io.releaseradar.bench.DetectionQualityBenchmark}) counts those over many seeds.
 */
class DetectionQualityTest {

    private static final long SEED = 1;
    /** The evaluator's longest window: evidence from a confounder's last hour reaches this far. */
    private static final Duration REACH = DetectionSettings.defaults().longestWindow();

    private record Replayed(SimulatedWorld world, Score score) {

        List<FalseAlert> alertsBetween(Instant from, Instant to) {
            return score.falseAlertsAt().stream().filter(a -> !a.at().isBefore(from) && a.at().isBefore(to))
                    .toList();
        }

        <T extends Confounder> T confounder(Class<T> type) {
            return world.spec().confounders().stream().filter(type::isInstance).map(type::cast).findFirst()
                    .orElseThrow();
        }

        Instant at(Duration afterStart) {
            return world.start().plus(afterStart);
        }
    }

    private static Replayed replay(String scenario) {
        SimulatedWorld world = Simulator.simulate(Scenarios.named(scenario), SEED);
        InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
        return new Replayed(world, DetectionReplay.score(DetectionReplay.trace(world, source,
                DetectionReplay.evaluator(world.product(), source, DetectionSettings.defaults())), 0.5));
    }

    @Test
    void aSuddenFivefoldIncidentOnALargeVersionIsFoundAndNamed() {
        Score score = replay("sudden-5x-large").score();
        assertThat(score.detected()).as("detected").isEqualTo(1);
        assertThat(score.attributed()).as("alert names the incident's symptom").isEqualTo(1);
        // 2.5.0 rolls out in stages: five days after release it has about 1,500 installs
        assertThat(score.delayQuantile(1.0)).as("hours after onset").isLessThan(24 * 6);
        assertThat(score.warnedBeforeContact()).as("affected customers who had not called yet").isGreaterThan(0.5);
    }

    /**
     * Seed 1: at 12:00 on the outage day 2.5.0 had 40 customers with category:connectivity in 72 h against 20.5
     * expected when hours were weighted by the product's rate of all contacts (about 6x in the outage), although in
     * each outage hour its connectivity rate was the other versions' (35 against 31 expected). Connectivity rose
     * about 100x: the evaluator now re-tests symptom signals with hours weighted by the symptom's own rate.
     */
    @Test
    void aPlatformOutageOpensNoVersionAlert() {
        Replayed r = replay("platform-outage");
        PlatformOutage outage = r.confounder(PlatformOutage.class);
        Instant from = r.at(outage.afterStart());
        assertThat(r.alertsBetween(from, from.plus(outage.length()).plus(REACH))).isEmpty();
    }

    @Test
    void aHolidayOpensNoVersionAlert() {
        Replayed r = replay("holiday-dip");
        HolidayDip holiday = r.confounder(HolidayDip.class);
        Instant from = r.at(holiday.afterStart());
        // and the catch-up day after it
        Instant to = from.plus(holiday.length()).plus(Duration.ofDays(1)).plus(REACH);
        assertThat(r.alertsBetween(from, to)).isEmpty();
    }

    @Test
    void aMarketingCampaignOpensNoVersionAlert() {
        Replayed r = replay("marketing-campaign");
        MarketingCampaign campaign = r.confounder(MarketingCampaign.class);
        Instant from = r.at(campaign.afterStart());
        // new customers ask more in their first week
        Instant to = from.plus(campaign.length()).plus(Duration.ofDays(7)).plus(REACH);
        assertThat(r.alertsBetween(from, to)).isEmpty();
    }

    @Test
    void aTinyBetaOpensNoAlertOfItsOwn() {
        assertThat(replay("tiny-beta").score().falseAlertsAt()).extracting(FalseAlert::version)
                .doesNotContain("2.6.0-beta.1");
    }

    @Test
    void earlyAdoptersOpenNoAlertOnAFreshVersion() {
        // in its first week a version's installs are mostly the early adopters, who call 1.2x as often
        Replayed r = replay("early-adopters");
        for (ReleaseInfo release : r.world().releases()) {
            Instant weekLater = release.releasedAt().plus(Duration.ofDays(7));
            assertThat(r.alertsBetween(release.releasedAt(), weekLater)).extracting(FalseAlert::version)
                    .as("alerts in the first week of %s", release.version()).doesNotContain(release.version());
        }
    }
}

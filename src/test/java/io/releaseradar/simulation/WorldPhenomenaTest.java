package io.releaseradar.simulation;

import static io.releaseradar.simulation.WorldFamilyTest.all;
import static io.releaseradar.simulation.WorldFamilyTest.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.simulation.ScenarioSpec.CategoryRename;
import io.releaseradar.simulation.ScenarioSpec.FeatureCampaign;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.Wording;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import io.releaseradar.simulation.SimulatedWorld.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Every phenomenon issue 21 lists shows in the data of a family world: one world of a held-out family (the first seed
 * whose draw has all the events), simulated once for all the checks.
 */
class WorldPhenomenaTest {

    private static final WorldFamily FAMILY = WorldFamilies.MANY_SMALL_VERSIONS;
    private static final long SEED = LongStream.rangeClosed(1, 200).filter(s -> hasEverything(FAMILY.draw(s)))
            .findFirst().orElseThrow();
    private static final SimulatedWorld WORLD = Simulator.simulate(FAMILY.draw(SEED), SEED);
    private static final InMemoryDetectionSource SOURCE = InMemoryDetectionSource.of(WORLD);

    /** An outage, a holiday, a feature campaign, a rename, a beta, a regional release and a thin predecessor. */
    private static boolean hasEverything(ScenarioSpec spec) {
        return !all(spec, PlatformOutage.class).isEmpty() && !all(spec, HolidayDip.class).isEmpty()
                && !all(spec, FeatureCampaign.class).isEmpty() && !all(spec, CategoryRename.class).isEmpty()
                && spec.releases().stream().anyMatch(r -> r.beta()
                        && r.releasedAfterStart().compareTo(spec.warmup()) > 0)
                && spec.releases().stream().anyMatch(r -> !r.beta() && r.reach() < 1)
                && spec.releases().stream().anyMatch(r -> slowStart(r) && inEvaluation(spec, r));
    }

    private static boolean slowStart(ReleaseSpec r) {
        return r.rollout().stages().get(0).share() < 0.03;
    }

    private static boolean inEvaluation(ScenarioSpec spec, ReleaseSpec r) {
        return r.releasedAfterStart().compareTo(spec.warmup().minusDays(7)) > 0
                && r.releasedAfterStart().compareTo(spec.length().minusDays(7)) < 0;
    }

    @Test
    void aHealthyNewVersionDrawsMoreContactsInItsFirstDays() {
        // pooled over the healthy versions to everyone released in the evaluated days: their first three days
        // against the versions out before each, per active install
        Set<String> bad = WORLD.incidents().stream().map(SimulatedWorld.Incident::version).collect(Collectors.toSet());
        double[] sum = new double[4];
        for (ReleaseSpec r : WORLD.spec().releases()) {
            if (r.reach() == 1 && !bad.contains(r.version()) && !slowStart(r)
                    && r.releasedAfterStart().compareTo(WORLD.spec().warmup()) >= 0
                    && r.releasedAfterStart().compareTo(WORLD.spec().length().minusDays(3)) < 0) {
                Instant released = released(r.version());
                double[] oe = SimulatorVariationTest.contactsAndExposure(WORLD, SOURCE, r.version(), released,
                        released.plus(Duration.ofDays(3)));
                for (int i = 0; i < 4; i++) {
                    sum[i] += oe[i];
                }
            }
        }
        double ratio = (sum[0] / sum[1]) / (sum[2] / sum[3]);
        assertThat(sum[0]).as("contacts on fresh healthy versions").isGreaterThan(100);
        assertThat(ratio).as("fresh healthy versions' rate over the older versions'").isBetween(1.2, 2.0);
        assertThat(WORLD.contacts()).anyMatch(c -> c.cause() == Cause.UPGRADE
                && c.subject().toLowerCase(Locale.ROOT).contains("update"));
    }

    @Test
    void contactsAreOverdispersed() {
        assertThat(SimulatorVariationTest.perCustomerDispersion(WORLD)).as("variance / mean per customer")
                .isGreaterThan(1.5);
        assertThat(WORLD.contacts()).filteredOn(c -> c.subject().startsWith("Re: ")).hasSizeGreaterThan(100);
    }

    @Test
    void healthyVersionsDifferInTheirSymptomMix() {
        assertThat(SimulatorVariationTest.categoryHeterogeneity(WORLD)).isGreaterThan(2);
    }

    @Test
    void customersMisspellAndVaryPhrasesAndUseGenericOnesOnEveryVersion() {
        SimulatedWorld.Incident incident = WORLD.incidents().get(0);
        String phrase = incident.phrase();
        String lastWord = phrase.substring(phrase.lastIndexOf(' ') + 1);
        List<String> texts = WORLD.contacts().stream().filter(c -> c.cause() == Cause.INCIDENT && c.incident() == 0)
                .map(c -> (c.subject() + " " + c.body()).toLowerCase(Locale.ROOT)).toList();
        assertThat(texts).as("the phrase as such").anyMatch(t -> t.contains(phrase));
        assertThat(texts).as("a sub-phrase").anyMatch(t -> !t.contains(phrase) && t.contains(lastWord));
        assertThat(texts).as("misspelt").anyMatch(t -> !t.contains(phrase) && !t.contains(lastWord));
        Wording wording = one(WORLD.spec(), Wording.class);
        List<String> large = WORLD.releases().stream().map(ReleaseInfo::version)
                .filter(v -> WORLD.contacts().stream().filter(c -> c.actualVersion().equals(v)).count() > 400)
                .toList();
        assertThat(large).hasSizeGreaterThanOrEqualTo(3);
        for (String v : large) {
            Predicate<Contact> onV = c -> c.actualVersion().equals(v) && c.cause() == Cause.EVERYDAY;
            assertThat(WORLD.contacts()).as(v).anyMatch(onV.and(c -> wording.everydayPhrases().stream()
                    .anyMatch(p -> c.subject().toLowerCase(Locale.ROOT).contains(p))));
            assertThat(WORLD.contacts()).as(v).anyMatch(onV.and(c -> c.subject().contains("uestion")));
        }
    }

    @Test
    void anOutageHitsEveryVersionAtOnceAndAHolidayAll() {
        PlatformOutage outage = all(WORLD.spec(), PlatformOutage.class).get(0);
        Instant from = WORLD.start().plus(outage.afterStart());
        long versions = WORLD.contacts().stream().filter(c -> c.cause() == Cause.OUTAGE)
                .filter(c -> !c.receivedAt().isBefore(from) && c.receivedAt().isBefore(from.plus(outage.length())))
                .map(Contact::actualVersion).distinct().count();
        assertThat(versions).isGreaterThanOrEqualTo(4);
        HolidayDip holiday = all(WORLD.spec(), HolidayDip.class).get(0);
        Instant start = WORLD.start().plus(holiday.afterStart());
        long during = count(start, start.plus(holiday.length()));
        Duration week = Duration.ofDays(7);
        long weekBefore = count(start.minus(week), start.plus(holiday.length()).minus(week));
        assertThat((double) during).isLessThan(0.8 * weekBefore);
    }

    @Test
    void aFeatureCampaignDrivesItsCategoryOnTheNewerVersions() {
        FeatureCampaign campaign = all(WORLD.spec(), FeatureCampaign.class).get(0);
        List<String> order = WORLD.spec().releases().stream().map(ReleaseSpec::version).toList();
        int from = order.indexOf(campaign.fromVersion());
        Map<Boolean, Long> byAge = WORLD.contacts().stream().filter(c -> c.cause() == Cause.CAMPAIGN)
                .filter(c -> c.category() == null || !c.category().equals("Billing"))
                .collect(Collectors.partitioningBy(c -> order.indexOf(c.actualVersion()) >= from,
                        Collectors.counting()));
        assertThat(byAge.get(true)).as("on " + campaign.fromVersion() + " and newer").isGreaterThan(byAge.get(false));
    }

    @Test
    void aRenameMovesEveryVersionsCategoryAtTheSameHour() {
        CategoryRename rename = one(WORLD.spec(), CategoryRename.class);
        Instant at = WORLD.start().plus(rename.afterStart());
        assertThat(WORLD.contacts()).as("the old name after the rename")
                .filteredOn(c -> rename.from().equals(c.category()) && !c.receivedAt().isBefore(at)).isEmpty();
        assertThat(WORLD.contacts()).as("the new name before it")
                .filteredOn(c -> rename.to().equals(c.category()) && c.receivedAt().isBefore(at)).isEmpty();
        Predicate<Contact> day = c -> !c.receivedAt().isBefore(at)
                && c.receivedAt().isBefore(at.plus(Duration.ofDays(2)));
        long before = versionsWith(rename.from(), c -> c.receivedAt().isBefore(at)
                && !c.receivedAt().isBefore(at.minus(Duration.ofDays(2))));
        long after = versionsWith(rename.to(), day);
        assertThat(after).as("versions filing under the new name in two days").isGreaterThanOrEqualTo(3)
                .isGreaterThanOrEqualTo(before - 2);
    }

    @Test
    void smallVersionsAndThinPredecessorsExist() {
        ScenarioSpec spec = WORLD.spec();
        ReleaseSpec slow = spec.releases().stream().filter(r -> slowStart(r) && inEvaluation(spec, r)).findFirst()
                .orElseThrow();
        Instant released = released(slow.version());
        long[] active = SOURCE.hourlyActiveInstalls(WORLD.product(), released.plus(Duration.ofHours(24)),
                released.plus(Duration.ofHours(25))).get(slow.version());
        assertThat(active[0]).as("installs of the slow starter after a day").isLessThan(spec.customers() / 30);
        assertThat(spec.releases().indexOf(slow)).isLessThan(spec.releases().size() - 1);
        ReleaseSpec beta = spec.releases().stream().filter(ReleaseSpec::beta).findFirst().orElseThrow();
        long testers = WORLD.installations().stream().filter(i -> i.version().equals(beta.version())).count();
        assertThat(testers).as("beta testers").isBetween(1L, (long) (0.03 * spec.customers()));
    }

    @Test
    void incidentsAreRecordedAsGroundTruth() {
        assertThat(WORLD.incidents()).hasSameSizeAs(WORLD.spec().incidents()).isNotEmpty();
        for (int k = 0; k < WORLD.incidents().size(); k++) {
            SimulatedWorld.Incident incident = WORLD.incidents().get(k);
            int index = k;
            long contacts = WORLD.contacts().stream()
                    .filter(c -> c.cause() == Cause.INCIDENT && c.incident() == index).count();
            assertThat(incident.ratio()).isBetween(1.5, 10.0);
            assertThat(incident.onset()).isAfterOrEqualTo(WORLD.evaluationStart());
            assertThat(contacts).as(incident.version()).isGreaterThan(0);
            assertThat(incident.affected()).isNotEmpty();
        }
    }

    private static Instant released(String version) {
        return WORLD.releases().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow()
                .releasedAt();
    }

    private static long count(Instant from, Instant to) {
        return WORLD.contacts().stream().filter(c -> !c.receivedAt().isBefore(from) && c.receivedAt().isBefore(to))
                .count();
    }

    private static long versionsWith(String category, Predicate<Contact> when) {
        return WORLD.contacts().stream().filter(c -> category.equals(c.category())).filter(when)
                .map(Contact::actualVersion).distinct().count();
    }
}

package io.releaseradar.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseradar.simulation.SimulatedWorld.Cause;
import io.releaseradar.simulation.SimulatedWorld.Contact;
import io.releaseradar.simulation.SimulatedWorld.Incident;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    @Test
    void theSameSeedGivesTheSameWorld() {
        ScenarioSpec spec = Scenarios.named("sudden-5x-large");
        SimulatedWorld a = Simulator.simulate(spec, 42);
        SimulatedWorld b = Simulator.simulate(spec, 42);
        assertEquals(a, b);
        SimulatedWorld c = Simulator.simulate(spec, 43);
        assertNotEquals(a.contacts(), c.contacts());
        assertNotEquals(a.installations(), c.installations());
    }

    @Test
    void contactsFollowTheDailyAndWeeklyRhythm() {
        SimulatedWorld world = Simulator.simulate(Scenarios.named("quiet"), 1);
        // per hour of each kind over the twelve weeks: weekday office hours, weekday nights, weekend office hours
        double office = 0;
        double night = 0;
        double weekend = 0;
        for (Contact c : world.contacts()) {
            ZonedDateTime t = c.receivedAt().atZone(ZoneOffset.UTC);
            boolean weekday = t.getDayOfWeek().compareTo(DayOfWeek.SATURDAY) < 0;
            int h = t.getHour();
            if (weekday && h >= 8 && h < 17) {
                office++;
            } else if (weekday && h < 6) {
                night++;
            } else if (!weekday && h >= 8 && h < 17) {
                weekend++;
            }
        }
        office /= 60 * 9;
        night /= 60 * 6;
        weekend /= 24 * 9;
        assertTrue(office > 8 * night, "office " + office + " vs night " + night);
        assertTrue(office > 2 * weekend && weekend > 2 * night,
                "office " + office + ", weekend " + weekend + ", night " + night);
    }

    @Test
    void aSuddenIncidentRunsAtAboutItsRatio() {
        // pooled over four seeds: customers differ in how often they call, so one seed alone scatters by about 10%
        for (String name : List.of("sudden-5x-large", "sudden-2x-large")) {
            ScenarioSpec spec = Scenarios.named(name);
            double observed = 0;
            double expected = 0;
            for (long seed = 1; seed <= 4; seed++) {
                double[] oe = observedExpected(Simulator.simulate(spec, seed));
                observed += oe[0];
                expected += oe[1];
            }
            double ratio = spec.incidents().get(0).ratio();
            assertEquals(ratio, observed / expected, 0.25 * ratio, name);
        }
        // and without the incident the same version runs at the others' rate
        SimulatedWorld quietWorld = Simulator.simulate(Scenarios.named("quiet"), 1);
        double[] quiet = observedExpected(quietWorld, "2.5.0", "Crash", releasedAt(quietWorld, "2.5.0"));
        assertEquals(1.0, quiet[0] / quiet[1], 0.3, "quiet");
    }

    private static double[] observedExpected(SimulatedWorld world) {
        Incident incident = world.incidents().get(0);
        return observedExpected(world, incident.version(), incident.category(), incident.onset());
    }

    /**
     * Customers filed under the category on the version from {@code from} to the end, and how many it would have
     * had at the other versions' rate of the same day (day by day, so that the weekly rhythm cancels out while the
     * version's share of installs grows).
     */
    private static double[] observedExpected(SimulatedWorld world, String version, String category, Instant from) {
        InMemoryDetectionSource source = InMemoryDetectionSource.of(world);
        Instant to = world.end();
        Map<String, long[]> active = source.hourlyActiveInstalls(world.product(), from, to);
        Map<String, long[]> counts = source.hourlyCustomers(world.product(),
                "category:" + category.toLowerCase(java.util.Locale.ROOT), from, to);
        int hours = (int) Duration.between(from, to).toHours();
        double observed = 0;
        double expected = 0;
        for (int day = 0; day * 24 < hours; day++) {
            double count = 0;
            double exposure = 0;
            double otherCount = 0;
            double otherExposure = 0;
            for (int h = day * 24; h < Math.min(hours, day * 24 + 24); h++) {
                for (Map.Entry<String, long[]> e : active.entrySet()) {
                    long[] c = counts.get(e.getKey());
                    if (e.getKey().equals(version)) {
                        count += c == null ? 0 : c[h];
                        exposure += e.getValue()[h];
                    } else {
                        otherCount += c == null ? 0 : c[h];
                        otherExposure += e.getValue()[h];
                    }
                }
            }
            observed += count;
            expected += otherExposure == 0 ? 0 : exposure * otherCount / otherExposure;
        }
        return new double[] {observed, expected};
    }

    @Test
    void everyScenarioInTheCatalogueBuilds() {
        List<ScenarioSpec> all = Scenarios.all();
        assertEquals(all.size(), all.stream().map(ScenarioSpec::name).distinct().count(), "names are unique");
        for (ScenarioSpec spec : all) {
            SimulatedWorld world = Simulator.simulate(spec, 7);
            assertTrue(world.contacts().size() > 5000, spec.name() + ": " + world.contacts().size() + " contacts");
            assertEquals(spec.incidents().size(), world.incidents().size(), spec.name());
            for (Incident incident : world.incidents()) {
                assertTrue(incident.affected().size() >= 5,
                        spec.name() + ": " + incident.affected().size() + " affected customers");
                assertFalse(incident.onset().isBefore(world.evaluationStart()), spec.name() + ": onset in warmup");
                assertTrue(incident.onset().isBefore(world.end().minus(Duration.ofDays(5))),
                        spec.name() + ": onset too late to be seen");
            }
            assertTrue(world.contacts().stream().allMatch(c -> !c.receivedAt().isBefore(world.start())
                    && c.receivedAt().isBefore(world.end())), spec.name() + ": contacts outside the world");
        }
    }

    @Test
    void contactsHaveMissingFieldsTyposAndResolvableVersions() {
        SimulatedWorld world = Simulator.simulate(Scenarios.named("quiet"), 5);
        List<Contact> contacts = world.contacts();
        double n = contacts.size();
        assertShare(contacts.stream().filter(c -> c.version() == null).count() / n, 0.60, 0.05, "no version");
        assertShare(contacts.stream().filter(c -> c.category() == null).count() / n, 0.10, 0.03, "no category");
        assertShare(contacts.stream().filter(c -> c.customerId() == null).count() / n, 0.03, 0.02, "anonymous");
        assertTrue(contacts.stream().allMatch(c -> c.version() == null || c.version().equals(c.actualVersion())));
        Set<String> keys = new HashSet<>();
        assertTrue(contacts.stream().allMatch(c -> keys.add(c.source() + "/" + c.externalId())), "keys unique");
        Set<String> channels = contacts.stream().map(Contact::channel).collect(Collectors.toSet());
        assertEquals(Set.of("phone", "email", "chat", "web", "social", "other"), channels);
        // some words misspelt: text that is none of the templates
        long misspelt = contacts.stream().filter(c -> c.subject().contains("  ") || !Texts.category(
                Objects.requireNonNullElse(c.category(), "Other")).subjects().contains(c.subject())).count();
        assertTrue(misspelt > 0.05 * n, misspelt + " subjects off-template");
    }

    @Test
    void confoundersShowInTheWorld() {
        SimulatedWorld quiet = Simulator.simulate(Scenarios.named("quiet"), 9);

        SimulatedWorld outage = Simulator.simulate(Scenarios.named("platform-outage"), 9);
        long outageContacts = outage.contacts().stream().filter(c -> c.cause() == Cause.OUTAGE).count();
        long versions = outage.contacts().stream().filter(c -> c.cause() == Cause.OUTAGE)
                .map(Contact::actualVersion).distinct().count();
        assertTrue(outageContacts > 100 && versions >= 5, outageContacts + " outage contacts on " + versions);

        SimulatedWorld campaign = Simulator.simulate(Scenarios.named("marketing-campaign"), 9);
        assertEquals(11_500, campaign.customers().size());
        assertTrue(campaign.contacts().stream().anyMatch(c -> c.cause() == Cause.CAMPAIGN));

        SimulatedWorld holiday = Simulator.simulate(Scenarios.named("holiday-dip"), 9);
        ScenarioSpec.HolidayDip dip = (ScenarioSpec.HolidayDip) holiday.spec().confounders().get(0);
        Instant from = holiday.start().plus(dip.afterStart());
        Instant to = from.plus(dip.length());
        assertTrue(count(holiday, from, to) < 0.5 * count(quiet, from, to),
                count(holiday, from, to) + " vs " + count(quiet, from, to));

        SimulatedWorld beta = Simulator.simulate(Scenarios.named("tiny-beta"), 9);
        long testers = beta.installations().stream().filter(i -> i.version().equals("2.6.0-beta.1")).count();
        assertTrue(testers > 10 && testers < 100, testers + " beta testers");

        SimulatedWorld rename = Simulator.simulate(Scenarios.named("category-rename"), 9);
        Instant renamed = rename.start()
                .plus(((ScenarioSpec.CategoryRename) rename.spec().confounders().get(0)).afterStart());
        assertTrue(rename.contacts().stream().noneMatch(c -> "Sync".equals(c.category())
                && !c.receivedAt().isBefore(renamed)));
        assertTrue(rename.contacts().stream().anyMatch(c -> "Synchronisation".equals(c.category())));
        assertTrue(rename.contacts().stream().anyMatch(c -> "Sync".equals(c.category())));
    }

    @Test
    void earlyAdoptersAreTheFastestUpgradersAndCallMore() {
        // same seed, same install base: only the fastest 15% by upgrade lag call 1.2x as often
        long[] releasedAt = Scenarios.named("quiet").releases().stream()
                .mapToLong(r -> r.releasedAfterStart().toSeconds()).toArray();
        List<Population.Member> plain = Population.build(Scenarios.named("quiet"), releasedAt,
                new java.util.SplittableRandom(11)).members;
        List<Population.Member> early = Population.build(Scenarios.named("early-adopters"), releasedAt,
                new java.util.SplittableRandom(11)).members;
        double cut = plain.stream().mapToDouble(m -> m.lagSeconds).sorted().skip(1499).findFirst().orElseThrow();
        int boosted = 0;
        for (int i = 0; i < plain.size(); i++) {
            Population.Member p = plain.get(i);
            Population.Member e = early.get(i);
            assertEquals(p.stints, e.stints);
            double expected = p.lagSeconds <= cut ? 1.2 : 1.0;
            assertEquals(expected, e.propensity / p.propensity, 1e-9);
            boosted += p.lagSeconds <= cut ? 1 : 0;
        }
        assertEquals(1500, boosted);
    }

    private static Instant releasedAt(SimulatedWorld world, String version) {
        return world.releases().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow()
                .releasedAt();
    }

    private static long count(SimulatedWorld world, Instant from, Instant to) {
        return world.contacts().stream().filter(c -> !c.receivedAt().isBefore(from) && c.receivedAt().isBefore(to))
                .count();
    }

    private static void assertShare(double actual, double expected, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance, what + ": " + actual + ", expected about " + expected);
    }
}

package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.simulation.ScenarioSpec.Confounder;
import io.releaseradar.simulation.ScenarioSpec.ContactHabits;
import io.releaseradar.simulation.ScenarioSpec.FeatureCampaign;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.Onset;
import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.Rollout;
import io.releaseradar.simulation.ScenarioSpec.UpgradeHabits;
import io.releaseradar.simulation.ScenarioSpec.UpgradeNovelty;
import io.releaseradar.simulation.ScenarioSpec.VersionMix;
import io.releaseradar.simulation.ScenarioSpec.Wording;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import io.releaseradar.simulation.SimulatedWorld.Contact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulator's sources of variation beyond the named scenarios (each switched on by its confounder, so the named
 * scenarios stay as they were: {@code SimulatorTest}): each shows in the data, compared with the same small world
 * without it.
 */
class SimulatorVariationTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration WARMUP = Duration.ofDays(21);

    /** Six weeks, 3,000 customers calling often (six times the named scenarios' rate): three versions out before, two released in the last three weeks. */
    private static ScenarioSpec world(String name, List<IncidentSpec> incidents, Confounder... confounders) {
        List<ReleaseSpec> releases = List.of(
                ReleaseSpec.of("1.0", Duration.ofDays(-200), Rollout.IMMEDIATE),
                ReleaseSpec.of("1.1", Duration.ofDays(-60), Rollout.IMMEDIATE),
                ReleaseSpec.of("1.2", Duration.ofDays(-20), Rollout.IMMEDIATE),
                ReleaseSpec.of("1.3", WARMUP.plusDays(2), Rollout.IMMEDIATE),
                ReleaseSpec.of("1.4", WARMUP.plusDays(12), Rollout.IMMEDIATE));
        return new ScenarioSpec(name, name, "p", START, WARMUP, Duration.ofDays(42), 3000, 0.06, releases,
                incidents, List.of(confounders), new UpgradeHabits(Duration.ofDays(3), 1.0, 0.1),
                ContactHabits.TYPICAL);
    }

    @Test
    void eachVersionKeepsItsOwnSymptomMix() {
        ScenarioSpec spec = world("mix", List.of(), new VersionMix(0.3));
        // between versions, the everyday categories differ far beyond chance (Pearson's chi-square over its degrees
        // of freedom is about 1 when every version files alike); without the mix they do not
        assertThat(categoryHeterogeneity(Simulator.simulate(spec, 3))).as("with the mix").isGreaterThan(3);
        assertThat(categoryHeterogeneity(Simulator.simulate(world("mix", List.of()), 3))).as("without")
                .isLessThan(2);
        Variation variation = Variation.of(spec, new SplittableRandom(3));
        Texts.Category sync = Texts.category("Sync");
        for (int r = 0; r < spec.releases().size(); r++) {
            assertThat(variation.everydayRate(r)).isBetween(0.7, 1.3);
            for (double w : variation.subjectWeights(r, sync)) {
                assertThat(w).isBetween(0.7, 1.3);
            }
        }
    }

    /** Pearson's chi-square over its degrees of freedom, versions (with 200 or more) x categories of everyday contacts. */
    static double categoryHeterogeneity(SimulatedWorld world) {
        Map<String, Map<String, Long>> table = world.contacts().stream()
                .filter(c -> c.cause() == Cause.EVERYDAY && c.category() != null)
                .collect(Collectors.groupingBy(Contact::actualVersion,
                        Collectors.groupingBy(Contact::category, Collectors.counting())));
        table.values().removeIf(row -> row.values().stream().mapToLong(Long::longValue).sum() < 200);
        List<String> categories = Texts.categories();
        double total = 0;
        Map<String, Double> column = new HashMap<>();
        Map<String, Double> row = new HashMap<>();
        table.forEach((v, counts) -> counts.forEach((c, n) -> {
            column.merge(c, (double) n, Double::sum);
            row.merge(v, (double) n, Double::sum);
        }));
        total = row.values().stream().mapToDouble(Double::doubleValue).sum();
        double chi2 = 0;
        for (String v : table.keySet()) {
            for (String c : categories) {
                double expected = row.get(v) * column.getOrDefault(c, 0.0) / total;
                double observed = table.get(v).getOrDefault(c, 0L);
                chi2 += expected == 0 ? 0 : (observed - expected) * (observed - expected) / expected;
            }
        }
        assertThat(table).as("versions with enough everyday contacts").hasSizeGreaterThanOrEqualTo(3);
        return chi2 / ((table.size() - 1) * (categories.size() - 1));
    }

    @Test
    void clusteredContactsAreOverdispersedPerCustomerAndPerDay() {
        Overdispersion clustered = new Overdispersion(0.5, 0.3, Duration.ofHours(20), 0.3);
        SimulatedWorld world = Simulator.simulate(world("clustered", List.of(), clustered), 5);
        SimulatedWorld plain = Simulator.simulate(world("clustered", List.of()), 5);
        double clusteredRatio = perCustomerDispersion(world);
        assertThat(clusteredRatio).as("variance / mean of contacts per customer").isGreaterThan(1.5)
                .isGreaterThan(perCustomerDispersion(plain) + 0.5);
        // follow-ups: the same customer, the same subject, later
        Map<String, List<Contact>> byCustomer = world.contacts().stream().filter(c -> c.customerId() != null)
                .collect(Collectors.groupingBy(Contact::customerId));
        long followUps = byCustomer.values().stream().flatMap(List::stream)
                .filter(c -> c.subject().startsWith("Re: ")).filter(c -> byCustomer.get(c.customerId()).stream()
                        .anyMatch(o -> o.receivedAt().isBefore(c.receivedAt())
                                && c.subject().equals("Re: " + o.subject())))
                .count();
        assertThat(followUps).as("follow-ups of an earlier contact").isGreaterThan(world.contacts().size() / 10);
        assertThat(plain.contacts()).noneMatch(c -> c.subject().startsWith("Re: "));
        // busy days: daily totals on the same weekday scatter more than Poisson noise and the plain world's
        assertThat(dailyDispersion(world)).isGreaterThan(2 * dailyDispersion(plain));
    }

    @Test
    void aFreshUpgradeDrawsContactsWithoutAnIncident() {
        SimulatedWorld world = Simulator.simulate(world("novelty", List.of(),
                new UpgradeNovelty(1.8, Duration.ofDays(2))), 7);
        SimulatedWorld plain = Simulator.simulate(world("novelty", List.of()), 7);
        // 1.3 in its first three days, per active install, against the versions out before it
        Instant released = release(world, "1.3");
        double fresh = ratioToOthers(world, "1.3", released, released.plus(Duration.ofDays(3)));
        double before = ratioToOthers(plain, "1.3", released, released.plus(Duration.ofDays(3)));
        assertThat(fresh).as("the fresh version's rate over the others'").isGreaterThan(1.2)
                .isGreaterThan(before + 0.15);
        assertThat(world.contacts()).anyMatch(c -> c.cause() == Cause.UPGRADE
                && c.subject().toLowerCase(java.util.Locale.ROOT).contains("updat"));
        assertThat(world.incidents()).isEmpty();
    }

    @Test
    void aFeatureCampaignDrivesItsCategoryOnTheNewerVersions() {
        Duration from = WARMUP.plusDays(14);
        SimulatedWorld world = Simulator.simulate(world("feature", List.of(), new FeatureCampaign(from,
                Duration.ofDays(7), "How-to", "new templates", "1.3", 2.0, 1.0)), 9);
        Instant a = START.plus(from);
        Instant b = a.plus(Duration.ofDays(7));
        Map<Boolean, Long> howTo = world.contacts().stream().filter(c -> inside(c, a, b))
                .filter(c -> c.cause() == Cause.CAMPAIGN)
                .collect(Collectors.partitioningBy(c -> c.actualVersion().compareTo("1.3") >= 0,
                        Collectors.counting()));
        // the older versions at 1.0x: none of theirs
        assertThat(howTo.get(true)).as("campaign contacts on 1.3 and later").isGreaterThan(50);
        assertThat(howTo.get(false)).as("on the earlier versions").isZero();
        assertThat(world.contacts()).filteredOn(c -> c.cause() == Cause.CAMPAIGN)
                .allMatch(c -> c.category() == null || c.category().equals("How-to"));
    }

    @Test
    void customersWordPhrasesInVariantsAndUseEverydayPhrasesOnEveryVersion() {
        IncidentSpec incident = new IncidentSpec("1.3", Duration.ZERO, 6.0, Onset.SUDDEN, Duration.ZERO, "Sync",
                "notes vanished");
        SimulatedWorld world = Simulator.simulate(world("wording", List.of(incident),
                new Wording(List.of("invite colleague", "change question"), 0.05, 0.2, 0.5)), 11);
        List<String> incidentTexts = world.contacts().stream().filter(c -> c.cause() == Cause.INCIDENT)
                .map(c -> (c.subject() + " " + c.body()).toLowerCase(java.util.Locale.ROOT)).toList();
        long whole = incidentTexts.stream().filter(t -> t.contains("notes vanished")).count();
        long subPhrase = incidentTexts.stream().filter(t -> t.contains("vanished") && !t.contains("notes vanished")
                && !t.contains("note vanished")).count();
        long singular = incidentTexts.stream().filter(t -> t.contains("note vanished")).count();
        assertThat(whole).isGreaterThan(incidentTexts.size() / 3);
        assertThat(subPhrase).isGreaterThan(incidentTexts.size() / 20);
        assertThat(singular).isGreaterThan(incidentTexts.size() / 20);
        // the everyday phrases on every version, generic words around everyday subjects
        for (ReleaseInfo r : world.releases()) {
            assertThat(world.contacts()).as(r.version()).anyMatch(c -> c.actualVersion().equals(r.version())
                    && c.subject().toLowerCase(java.util.Locale.ROOT).contains("colleague"));
        }
        assertThat(world.contacts()).anyMatch(c -> c.cause() == Cause.EVERYDAY
                && c.subject().startsWith("Question about "));
    }

    private static boolean inside(Contact c, Instant from, Instant to) {
        return !c.receivedAt().isBefore(from) && c.receivedAt().isBefore(to);
    }

    private static Instant release(SimulatedWorld world, String version) {
        return world.releases().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow()
                .releasedAt();
    }

    /** Contacts per active install-hour of the version over those of the versions released before it. */
    static double ratioToOthers(SimulatedWorld world, String version, Instant from, Instant to) {
        double[] oe = contactsAndExposure(world, InMemoryDetectionSource.of(world), version, from, to);
        return (oe[0] / oe[1]) / (oe[2] / oe[3]);
    }

    /**
     * Over [from, to): the version's contacts and active install-hours, then those of the versions released before
     * it.
     */
    static double[] contactsAndExposure(SimulatedWorld world, InMemoryDetectionSource source, String version,
            Instant from, Instant to) {
        Map<String, long[]> active = source.hourlyActiveInstalls(world.product(), from, to);
        Instant released = release(world, version);
        double[] out = new double[4];
        for (Map.Entry<String, long[]> e : active.entrySet()) {
            int side = e.getKey().equals(version) ? 0 : release(world, e.getKey()).isBefore(released) ? 1 : -1;
            for (int h = 0; side >= 0 && h < e.getValue().length; h++) {
                out[2 * side + 1] += e.getValue()[h];
            }
        }
        for (Contact c : world.contacts()) {
            if (inside(c, from, to)) {
                int side = c.actualVersion().equals(version) ? 0
                        : release(world, c.actualVersion()).isBefore(released) ? 1 : -1;
                if (side >= 0) {
                    out[2 * side]++;
                }
            }
        }
        return out;
    }

    /** Variance over mean of the number of contacts per customer over the whole world. */
    static double perCustomerDispersion(SimulatedWorld world) {
        Map<String, Long> perCustomer = world.contacts().stream().filter(c -> c.actualCustomerId() != null)
                .collect(Collectors.groupingBy(Contact::actualCustomerId, Collectors.counting()));
        double n = world.customers().size();
        double sum = 0;
        double squares = 0;
        for (long k : perCustomer.values()) {
            sum += k;
            squares += (double) k * k;
        }
        double mean = sum / n;
        return (squares / n - mean * mean) / mean;
    }

    /** Variance over mean of the daily totals of Tuesdays to Thursdays, after the warm-up (no releases then). */
    private static double dailyDispersion(SimulatedWorld world) {
        Map<Long, Long> perDay = world.contacts().stream().collect(Collectors.groupingBy(
                c -> Duration.between(world.start(), c.receivedAt()).toDays(), Collectors.counting()));
        List<Long> days = new ArrayList<>();
        for (long d = 0; d < 42; d++) {
            if (d % 7 >= 1 && d % 7 <= 3) {
                days.add(perDay.getOrDefault(d, 0L));
            }
        }
        double mean = days.stream().mapToLong(Long::longValue).average().orElseThrow();
        double var = days.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (days.size() - 1);
        return var / mean;
    }
}

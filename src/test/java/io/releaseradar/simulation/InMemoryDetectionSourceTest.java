package io.releaseradar.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.simulation.SimulatedWorld.Cause;
import io.releaseradar.simulation.SimulatedWorld.Contact;
import io.releaseradar.simulation.SimulatedWorld.Installation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InMemoryDetectionSourceTest {

    private static final String P = "p";

    private static Instant at(String hhmm) {
        return Instant.parse("2026-01-01T" + hhmm + ":00Z");
    }

    private static Installation install(String customer, String version, String hhmm) {
        return new Installation(customer, P, version, at(hhmm));
    }

    private static Contact contact(String id, String customer, String hhmm, String version, String category) {
        return new Contact("desk", id, at(hhmm), "phone", customer, P, version, category, null, null, null,
                Cause.EVERYDAY, -1);
    }

    // a: 1.0 from 00:00, 2.0 from 10:30.  b: 1.0 from 01:15.  c: 2.0 from 11:00 sharp.  d: no installation.
    private static final List<Installation> INSTALLS = List.of(
            install("a", "2.0", "10:30"), install("a", "1.0", "00:00"), install("b", "1.0", "01:15"),
            install("c", "2.0", "11:00"), new Installation("a", "other", "9.9", at("00:00")));

    private static final List<Contact> CONTACTS = List.of(
            contact("1", "a", "10:05", null, "Sync"), // a still runs 1.0
            contact("2", "a", "10:40", null, "Sync"), // a runs 2.0 now
            contact("3", "a", "10:50", null, "sync"), // same customer, same hour, same category: counted once
            contact("4", "b", "10:20", "2.0", null), // a stated version wins over the install base
            contact("5", null, "11:10", null, "Login"), // anonymous, no version: unresolved
            contact("6", null, "11:20", null, "Login"), // another anonymous contact: another customer
            contact("7", "c", "11:00", null, "Crash"), // installed at 11:00, called at 11:00: runs 2.0
            contact("8", "d", "12:00", null, "Billing"), // no installation: unresolved
            new Contact("desk", "9", at("10:10"), "phone", "a", "other", null, "Sync", null, null, null,
                    Cause.EVERYDAY, -1));

    private final InMemoryDetectionSource source = new InMemoryDetectionSource(P,
            List.of(new ReleaseInfo("2.0", at("10:00"), "1.0"), new ReleaseInfo("1.0", at("00:00"), null)),
            INSTALLS, CONTACTS);

    /** Only all-contacts and category keys, so that the counts stay hand-checkable once phrases count too. */
    private static Map<VersionSymptom, Long> withoutPhrases(Map<VersionSymptom, Long> m) {
        return m.entrySet().stream()
                .filter(e -> e.getKey().symptom().isEmpty() || e.getKey().symptom().startsWith("category:"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void releasesUpToAsOfOldestFirst() {
        assertEquals(List.of("1.0"), source.releases(P, at("09:59")).stream().map(ReleaseInfo::version).toList());
        assertEquals(List.of("1.0", "2.0"),
                source.releases(P, at("10:00")).stream().map(ReleaseInfo::version).toList());
        assertEquals(List.of(), source.releases("other", at("12:00")));
    }

    @Test
    void activeInstallsAtEachWholeHour() {
        Map<String, long[]> active = source.hourlyActiveInstalls(P, at("09:00"), at("13:00"));
        assertEquals(Set.of("1.0", "2.0"), active.keySet());
        // 1.0: a and b until a moves at 10:30, then b alone
        assertArrayEquals(new long[] {2, 2, 1, 1}, active.get("1.0"));
        // 2.0: a from 10:30 (counted from 11:00 on), c from 11:00 sharp
        assertArrayEquals(new long[] {0, 0, 2, 2}, active.get("2.0"));
        // b began at 01:15: not yet active at 01:00; before any installation nothing is active
        assertArrayEquals(new long[] {1, 2}, source.hourlyActiveInstalls(P, at("01:00"), at("03:00")).get("1.0"));
        assertEquals(Map.of(), source.hourlyActiveInstalls(P, Instant.parse("2025-12-31T20:00:00Z"),
                Instant.parse("2025-12-31T22:00:00Z")));
        // 2.0 is unknown until its first installation (10:30, active from 11:00), then listed even where still 0
        assertEquals(Set.of("1.0"), source.hourlyActiveInstalls(P, at("09:00"), at("10:00")).keySet());
        assertArrayEquals(new long[] {0, 0}, source.hourlyActiveInstalls(P, at("09:00"), at("11:00")).get("2.0"));
        // long after the last installation the counts stay as they were
        assertArrayEquals(new long[] {1}, source.hourlyActiveInstalls(P, Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-02-01T01:00:00Z")).get("1.0"));
    }

    @Test
    void distinctCustomersPerCellSummedOverHours() {
        Map<VersionSymptom, Long> expected = new HashMap<>();
        expected.put(new VersionSymptom("1.0", ""), 1L);
        expected.put(new VersionSymptom("1.0", "category:sync"), 1L);
        expected.put(new VersionSymptom("2.0", ""), 3L); // a and b at 10, c at 11
        expected.put(new VersionSymptom("2.0", "category:sync"), 1L);
        expected.put(new VersionSymptom("2.0", "category:crash"), 1L);
        expected.put(new VersionSymptom("", ""), 2L);
        expected.put(new VersionSymptom("", "category:login"), 2L);
        assertEquals(expected, withoutPhrases(source.customers(P, at("10:00"), at("12:00"))));
        // the 12:00 contact falls into the next hour only
        assertEquals(Map.of(new VersionSymptom("", ""), 1L, new VersionSymptom("", "category:billing"), 1L),
                withoutPhrases(source.customers(P, at("12:00"), at("13:00"))));
        assertEquals(Map.of(), source.customers(P, at("13:00"), at("20:00")));
        assertEquals(Map.of(), source.customers("other", at("10:00"), at("12:00")));
    }

    @Test
    void aCustomerCountsOnceAWeekPerVersionAndSymptomWhateverFollowUpsTheySend() {
        Instant day = at("09:00");
        List<Contact> contacts = List.of(
                new Contact("desk", "f1", day, "phone", "e", P, "1.0", "Sync", null, null, null, Cause.EVERYDAY, -1),
                new Contact("desk", "f2", day.plus(3, ChronoUnit.HOURS), "phone", "e", P, "1.0", "Sync", null, null,
                        null, Cause.EVERYDAY, -1), // a follow-up: not counted again
                new Contact("desk", "f3", day.plus(5, ChronoUnit.HOURS), "phone", "e", P, "1.0", "Crash", null, null,
                        null, Cause.EVERYDAY, -1), // new: counted under crash, and so again under all contacts
                new Contact("desk", "f4", day.plus(3, ChronoUnit.HOURS), "phone", "e", P, "2.0", "Sync", null, null,
                        null, Cause.EVERYDAY, -1), // another version
                new Contact("desk", "f5", day.plus(7, ChronoUnit.DAYS), "phone", "e", P, "1.0", "Sync", null, null,
                        null, Cause.EVERYDAY, -1)); // a week after being counted: counted again
        InMemoryDetectionSource s = new InMemoryDetectionSource(P, List.of(), List.of(), contacts);
        Map<VersionSymptom, Long> expected = new HashMap<>();
        expected.put(new VersionSymptom("1.0", ""), 2L);
        expected.put(new VersionSymptom("1.0", "category:sync"), 1L);
        expected.put(new VersionSymptom("1.0", "category:crash"), 1L);
        expected.put(new VersionSymptom("2.0", ""), 1L);
        expected.put(new VersionSymptom("2.0", "category:sync"), 1L);
        assertEquals(expected, withoutPhrases(s.customers(P, day, day.plus(7, ChronoUnit.DAYS))));
        assertArrayEquals(new long[] {1, 0, 0, 0}, s.hourlyCustomers(P, "category:sync", day,
                day.plus(4, ChronoUnit.HOURS)).get("1.0"));
        assertEquals(Map.of(new VersionSymptom("1.0", ""), 1L, new VersionSymptom("1.0", "category:sync"), 1L),
                withoutPhrases(s.customers(P, day.plus(1, ChronoUnit.DAYS), day.plus(8, ChronoUnit.DAYS))));
    }

    @Test
    void hourlyCustomersOfOneSymptom() {
        Map<String, long[]> all = source.hourlyCustomers(P, "", at("10:00"), at("13:00"));
        assertEquals(Set.of("1.0", "2.0", ""), all.keySet());
        assertArrayEquals(new long[] {1, 0, 0}, all.get("1.0"));
        assertArrayEquals(new long[] {2, 1, 0}, all.get("2.0"));
        assertArrayEquals(new long[] {0, 2, 1}, all.get(""));
        Map<String, long[]> sync = source.hourlyCustomers(P, "category:sync", at("09:00"), at("12:00"));
        assertEquals(Set.of("1.0", "2.0"), sync.keySet());
        assertArrayEquals(new long[] {0, 1, 0}, sync.get("1.0"));
        assertArrayEquals(new long[] {0, 1, 0}, sync.get("2.0"));
        // versions without a contact of the symptom in the range are left out
        assertEquals(Set.of("2.0"), source.hourlyCustomers(P, "category:crash", at("09:00"), at("12:00")).keySet());
        assertEquals(Map.of(), source.hourlyCustomers(P, "category:crash", at("12:00"), at("14:00")));
        assertEquals(Map.of(), source.hourlyCustomers(P, "no such symptom", at("09:00"), at("12:00")));
    }

    @Test
    void refusesInstantsThatAreNotWholeHours() {
        assertThrows(IllegalArgumentException.class,
                () -> source.customers(P, at("10:30"), at("12:00")));
    }

    @Test
    void agreesWithACountFromScratchOnASimulatedWorld() {
        SimulatedWorld world = Simulator.simulate(Scenarios.named("sudden-5x-large"), 3);
        InMemoryDetectionSource s = InMemoryDetectionSource.of(world);

        // under "all contacts": a customer once per version in the first hour they write, then again only a week
        // after they were last counted, or in an hour where one of its symptoms counts them; the version as stated,
        // else the one installed then
        Map<String, List<Installation>> histories = world.installations().stream()
                .sorted(java.util.Comparator.comparing(Installation::installedAt))
                .collect(Collectors.groupingBy(Installation::customerId));
        Map<String, Instant> lastCounted = new HashMap<>();
        Set<String> countedInHour = new HashSet<>();
        long expectedAll = 0;
        for (Contact c : world.contacts().stream().sorted(java.util.Comparator.comparing(Contact::receivedAt))
                .toList()) {
            String key = c.customerId() != null ? c.customerId() : "contact:" + c.source() + ":" + c.externalId();
            String version = c.version();
            if (version == null) {
                version = histories.getOrDefault(c.customerId(), List.of()).stream()
                        .filter(i -> !i.installedAt().isAfter(c.receivedAt())).reduce((a, b) -> b)
                        .map(Installation::version).orElse("");
            }
            Instant hour = c.receivedAt().truncatedTo(ChronoUnit.HOURS);
            String slot = key + "|" + version + "|" + hour;
            for (String symptom : SymptomKeys.of(c.category(), c.subject(), c.body())) {
                Instant last = lastCounted.get(key + "|" + version + "|" + symptom);
                if (!symptom.isEmpty() && (last == null || !hour.isBefore(last.plus(7, ChronoUnit.DAYS)))) {
                    lastCounted.put(key + "|" + version + "|" + symptom, hour);
                    countedInHour.add(slot);
                }
            }
            Instant last = lastCounted.get(key + "|" + version + "|");
            if (last == null || !hour.isBefore(last.plus(7, ChronoUnit.DAYS))
                    || countedInHour.contains(slot) && !hour.equals(last)) {
                expectedAll++;
                lastCounted.put(key + "|" + version + "|", hour);
            }
        }
        long all = s.customers(world.product(), world.start(), world.end()).entrySet().stream()
                .filter(e -> e.getKey().symptom().isEmpty()).mapToLong(Map.Entry::getValue).sum();
        assertEquals(expectedAll, all);

        // active installs at one hour, from the installation history directly
        Instant t = world.evaluationStart().plus(java.time.Duration.ofDays(16));
        Map<String, List<Installation>> byCustomer = world.installations().stream()
                .collect(Collectors.groupingBy(Installation::customerId));
        Map<String, Long> expected = new HashMap<>();
        for (List<Installation> history : byCustomer.values()) {
            history.stream().filter(i -> !i.installedAt().isAfter(t))
                    .max(java.util.Comparator.comparing(Installation::installedAt))
                    .ifPresent(i -> expected.merge(i.version(), 1L, Long::sum));
        }
        Map<String, Long> actual = s.hourlyActiveInstalls(world.product(), t, t.plusSeconds(3600)).entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()[0]));
        assertEquals(expected, actual);
        assertTrue(actual.get("2.5.0") > 1000, "2.5.0 is a large version six days after its release: " + actual);
    }
}

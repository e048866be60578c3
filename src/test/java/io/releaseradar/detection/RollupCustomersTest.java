package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollups' customer counts against the truth computed here from the contacts sent: a customer counts in the first
 * hour they write under a (version, symptom) and again only a week after they were last counted there (hours before
 * the V50 cut-over: once per cell and hour), whatever batches, writers and cut-overs its contacts meet.
 */
@QuarkusTest
class RollupCustomersTest {

    private static final List<String[]> TEXTS = List.of(
            new String[] {"Sync Issues", "Lost notes after update", "my notes are gone"},
            new String[] {"Crash", "App crashes on start", null},
            new String[] {"Sync Issues", "Sync stuck", "lost notes again, sync stuck"},
            new String[] {"Billing", "Invoice twice", "charged twice this month"});

    @Inject
    AgroalDataSource ds;
    @Inject
    SymptomConfig symptomConfig;
    @Inject
    RollupWriter writer;

    private static Map<String, Object> contact(String product, String id, Instant at, String customer, int text,
            String version) {
        Map<String, Object> c = Contacts.contact(product, id, at.toString());
        String[] t = TEXTS.get(text);
        c.put("customerId", customer);
        c.put("version", version);
        c.put("category", t[0]);
        c.put("subject", t[1]);
        c.put("body", t[2]);
        return c;
    }

    /**
     * Per cell "version|symptom|hour": contacts and customers counted, from the contacts themselves, taken in time
     * order: from {@code weeklyFrom} on, a customer counts in the first hour they write under a (version, symptom)
     * and again only a week after they were last counted there, and all contacts also counts them in an hour where
     * a symptom did; before it, once per hour.
     */
    private Map<String, List<Integer>> truth(List<Map<String, Object>> contacts, Instant weeklyFrom) {
        Symptoms symptoms = new Symptoms(symptomConfig.maxPhrases(), symptomConfig.categoryAliases());
        List<Map<String, Object>> inOrder = new ArrayList<>(contacts);
        inOrder.sort(Comparator.comparing(c -> Instant.parse((String) c.get("receivedAt"))));
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<Object>> customers = new HashMap<>();
        Map<String, Instant> lastCounted = new HashMap<>();
        // "version|customer|hour" where a symptom counted the customer: all contacts counts them there too
        Set<String> countedInHour = new HashSet<>();
        for (Map<String, Object> c : inOrder) {
            Instant hour = Instant.parse((String) c.get("receivedAt")).truncatedTo(ChronoUnit.HOURS);
            List<String> keys = new ArrayList<>(symptoms.of((String) c.get("category"), (String) c.get("subject"),
                    (String) c.get("body")));
            keys.sort(Comparator.comparing(String::isEmpty)); // all contacts ("") last
            String slot = c.get("version") + "|" + c.get("customerId") + "|" + hour;
            for (String symptom : keys) {
                String cell = c.get("version") + "|" + symptom + "|" + hour;
                counts.merge(cell, 1, Integer::sum);
                Set<Object> counted = customers.computeIfAbsent(cell, k -> new HashSet<>());
                if (hour.isBefore(weeklyFrom)) {
                    counted.add(c.get("customerId"));
                    continue;
                }
                String key = c.get("version") + "|" + symptom + "|" + c.get("customerId");
                Instant last = lastCounted.get(key);
                if (last == null || !hour.isBefore(last.plus(7, ChronoUnit.DAYS))
                        || symptom.isEmpty() && countedInHour.contains(slot)) {
                    counted.add(c.get("customerId"));
                    lastCounted.put(key, hour);
                    if (!symptom.isEmpty()) {
                        countedInHour.add(slot);
                    }
                }
            }
        }
        Map<String, List<Integer>> out = new TreeMap<>();
        counts.forEach((cell, n) -> out.put(cell, List.of(n, customers.get(cell).size())));
        return out;
    }

    /** {@link #truth} with every hour counted weekly. */
    private Map<String, List<Integer>> truth(List<Map<String, Object>> contacts) {
        return truth(contacts, Instant.EPOCH);
    }

    /** Per "version|symptom": the contacts and customers of its cells, summed over the hours. */
    private static Map<String, List<Integer>> overHours(Map<String, List<Integer>> cells) {
        Map<String, List<Integer>> out = new TreeMap<>();
        cells.forEach((cell, n) -> out.merge(cell.substring(0, cell.lastIndexOf('|')), n,
                (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1))));
        return out;
    }

    private Map<String, List<Integer>> stored(String product) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (List<Object> row : Db.rows(ds, "SELECT version || '|' || symptom || '|' || to_char(hour AT TIME ZONE "
                + "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), contacts, customers FROM hourly_rollup WHERE product = ?",
                product)) {
            out.put((String) row.get(0), List.of(((Number) row.get(1)).intValue(), ((Number) row.get(2)).intValue()));
        }
        return out;
    }

    private static void post(List<Map<String, Object>> batch) {
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200);
    }

    @BeforeEach
    void everyHourCountedWeekly() {
        // a database migrated to V50 with rollups in it has a weekly cut-over a day ahead; these tests set their own
        Db.update(ds, "DELETE FROM rollup_weekly_cutover");
        writer.forgetCutover();
    }

    @Test
    void aCustomerCountsOnceAWeekUnderEachSymptomWhateverFollowUpsTheySend() {
        String product = uniqueProduct();
        Instant h = Instant.parse("2026-03-02T10:00:00Z");
        Instant nextWeek = h.plus(7, ChronoUnit.DAYS);
        List<Map<String, Object>> first = List.of(contact(product, "a1", h.plusSeconds(60), "anna", 0, "1.0.0"));
        List<Map<String, Object>> second = List.of(
                contact(product, "a2", h.plusSeconds(600), "anna", 0, "1.0.0"), // all counted already
                contact(product, "a3", h.plusSeconds(700), "anna", 2, "1.0.0"), // "sync stuck" is new to anna
                contact(product, "b1", h.plusSeconds(800), "bob", 2, "1.0.0"),
                contact(product, "a4", h.plusSeconds(3600), "anna", 0, "1.0.0"), // a follow-up the next hour
                contact(product, "a5", h.plusSeconds(900), "anna", 1, "1.1.0"), // another version
                contact(product, "a6", nextWeek.minusSeconds(1), "anna", 0, "1.0.0"), // a follow-up within the week
                contact(product, "a7", nextWeek, "anna", 0, "1.0.0")); // a week later: counted again
        post(first);
        post(second);

        List<Map<String, Object>> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, List<Integer>> expected = truth(all);
        assertThat(expected).containsEntry("1.0.0||" + h, List.of(4, 2))
                .containsEntry("1.0.0|lost note update|" + h, List.of(2, 1))
                .containsEntry("1.0.0|sync stuck|" + h, List.of(2, 2))
                .containsEntry("1.0.0||" + h.plus(1, ChronoUnit.HOURS), List.of(1, 0))
                .containsEntry("1.0.0||" + nextWeek.minus(1, ChronoUnit.HOURS), List.of(1, 0))
                .containsEntry("1.0.0||" + nextWeek, List.of(1, 1));
        assertThat(stored(product)).isEqualTo(expected);
    }

    @Test
    void concurrentWritersCountEachCustomerOnceUnderEachSymptomOfTheWeek() throws Exception {
        String product = uniqueProduct();
        Instant start = Instant.parse("2026-03-03T08:00:00Z");
        // every (hour, customer) first has a billing contact: the writers below then all add symptoms to existing rows
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int hour = 0; hour < 2; hour++) {
            for (int customer = 0; customer < 10; customer++) {
                contacts.add(contact(product, "seed-" + hour + "-" + customer, start.plusSeconds(hour * 3600L),
                        "cust-" + customer, 3, "1.0.0"));
            }
        }
        post(contacts);
        // 4 writers at once, 5 batches of 40 contacts each, of the same 10 customers in the same 2 hours
        List<Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Random random = new Random(100 + w);
            List<List<Map<String, Object>>> batches = new ArrayList<>();
            for (int b = 0; b < 5; b++) {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    batch.add(contact(product, "w" + w + "-" + b + "-" + i, start.plusSeconds(random.nextInt(7200)),
                            "cust-" + random.nextInt(10), random.nextInt(3), "1.0.0"));
                }
                batches.add(batch);
                contacts.addAll(batch);
            }
            writers.add(() -> {
                batches.forEach(RollupCustomersTest::post);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> f : pool.invokeAll(writers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        // which hour a customer is counted in depends on which writer came first; that they count once under each
        // symptom does not
        Map<String, List<Integer>> stored = stored(product);
        Map<String, List<Integer>> overHours = overHours(stored);
        Map<String, List<Integer>> expectedOverHours = overHours(truth(contacts));
        List<Integer> all = overHours.remove("1.0.0|");
        assertThat(all.get(0)).isEqualTo(expectedOverHours.remove("1.0.0|").get(0));
        assertThat(overHours).isEqualTo(expectedOverHours);
        // all contacts: each customer once or, when a symptom counted them in the other hour, twice; and in every
        // hour at least as many as any symptom
        assertThat(all.get(1)).isBetween(10, 20);
        for (Instant hour : List.of(start, start.plus(1, ChronoUnit.HOURS))) {
            int allInHour = stored.getOrDefault("1.0.0||" + hour, List.of(0, 0)).get(1);
            stored.forEach((cell, n) -> {
                if (cell.endsWith("|" + hour)) {
                    assertThat(n.get(1)).as(cell).isLessThanOrEqualTo(allInHour);
                }
            });
        }
        Map<String, Integer> contactsPerCell = new TreeMap<>();
        truth(contacts).forEach((cell, n) -> contactsPerCell.put(cell, n.get(0)));
        Map<String, Integer> storedPerCell = new TreeMap<>();
        stored.forEach((cell, n) -> storedPerCell.put(cell, n.get(0)));
        assertThat(storedPerCell).isEqualTo(contactsPerCell);
    }

    @Test
    void hoursBeforeEachCutoverKeepTheCountingTheyWereWrittenWith() {
        String product = uniqueProduct();
        Instant cutover = Instant.parse("2001-06-01T00:00:00Z");
        Instant weeklyFrom = cutover.plus(1, ChronoUnit.DAYS);
        Instant before = cutover.minus(2, ChronoUnit.HOURS);
        Instant after = cutover.plus(1, ChronoUnit.HOURS);
        Instant weekly = weeklyFrom.plus(1, ChronoUnit.HOURS);
        Db.update(ds, "INSERT INTO rollup_customer_cutover (before_hour) VALUES (?)", java.sql.Timestamp.from(cutover));
        Db.update(ds, "INSERT INTO rollup_weekly_cutover (from_hour) VALUES (?)", java.sql.Timestamp.from(weeklyFrom));
        writer.forgetCutover();
        try {
            List<Map<String, Object>> first = List.of(contact(product, "c1", before.plusSeconds(5), "anna", 0, "1.0.0"),
                    contact(product, "c2", after.plusSeconds(5), "anna", 0, "1.0.0"),
                    contact(product, "c6", weekly.plusSeconds(5), "anna", 0, "1.0.0"));
            List<Map<String, Object>> second = List.of(
                    contact(product, "c3", before.plusSeconds(50), "anna", 2, "1.0.0"),
                    contact(product, "c4", before.plusSeconds(60), "bob", 0, "1.0.0"),
                    contact(product, "c5", after.plusSeconds(50), "anna", 2, "1.0.0"),
                    contact(product, "c7", after.plusSeconds(3600), "anna", 0, "1.0.0"), // per hour: counted again
                    contact(product, "c8", weekly.plusSeconds(3600), "anna", 0, "1.0.0")); // weekly: not again
            post(first);
            post(second);

            List<Map<String, Object>> all = new ArrayList<>(first);
            all.addAll(second);
            Map<String, List<Integer>> expected = truth(all, weeklyFrom);
            assertThat(expected).containsEntry("1.0.0||" + after.plus(1, ChronoUnit.HOURS), List.of(1, 1))
                    .containsEntry("1.0.0||" + weekly.plus(1, ChronoUnit.HOURS), List.of(1, 0));
            assertThat(stored(product)).isEqualTo(expected);
            // where each hour's customers were recorded
            assertThat(Db.count(ds, "SELECT count(*) FROM hourly_rollup_customer WHERE cell = ?",
                    Hashes.of(product, "1.0.0", "", before.toString()))).isEqualTo(2);
            assertThat(Db.count(ds, "SELECT count(*) FROM rollup_customer_symptoms WHERE slot = ?",
                    Hashes.of(product, "1.0.0", before.toString()))).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM hourly_rollup_customer WHERE cell = ?",
                    Hashes.of(product, "1.0.0", "", after.toString()))).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM rollup_customer_symptoms WHERE slot = ?",
                    Hashes.of(product, "1.0.0", after.toString()))).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT count(*) FROM rollup_customer_symptoms WHERE slot = ?",
                    Hashes.of(product, "1.0.0", weekly.toString()))).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM rollup_customer_weeks WHERE slot = ?",
                    Hashes.of(product, "1.0.0"))).isEqualTo(1);
        } finally {
            Db.update(ds, "DELETE FROM rollup_customer_cutover");
            Db.update(ds, "DELETE FROM rollup_weekly_cutover");
            writer.forgetCutover();
        }
    }
}

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
import org.junit.jupiter.api.Test;

/**
 * The rollups' distinct-customer counts against the truth computed here from the contacts sent: per cell (version,
 * symptom, hour), a customer counts once, whatever batches, writers and cut-over its contacts meet.
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

    /** Per cell "version|symptom|hour": contacts and distinct customers, from the contacts themselves. */
    private Map<String, List<Integer>> truth(List<Map<String, Object>> contacts) {
        Symptoms symptoms = new Symptoms(symptomConfig.maxPhrases(), symptomConfig.categoryAliases());
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<Object>> customers = new HashMap<>();
        for (Map<String, Object> c : contacts) {
            Instant hour = Instant.parse((String) c.get("receivedAt")).truncatedTo(ChronoUnit.HOURS);
            for (String symptom : symptoms.of((String) c.get("category"), (String) c.get("subject"),
                    (String) c.get("body"))) {
                String cell = c.get("version") + "|" + symptom + "|" + hour;
                counts.merge(cell, 1, Integer::sum);
                customers.computeIfAbsent(cell, k -> new HashSet<>()).add(c.get("customerId"));
            }
        }
        Map<String, List<Integer>> out = new TreeMap<>();
        counts.forEach((cell, n) -> out.put(cell, List.of(n, customers.get(cell).size())));
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

    @Test
    void aCustomerAlreadyCountedInAnHourCountsAgainOnlyUnderSymptomsNewToThatHour() {
        String product = uniqueProduct();
        Instant h = Instant.parse("2026-03-02T10:00:00Z");
        List<Map<String, Object>> first = List.of(contact(product, "a1", h.plusSeconds(60), "anna", 0, "1.0.0"));
        List<Map<String, Object>> second = List.of(
                contact(product, "a2", h.plusSeconds(600), "anna", 0, "1.0.0"), // all counted already
                contact(product, "a3", h.plusSeconds(700), "anna", 2, "1.0.0"), // "sync stuck" is new to anna
                contact(product, "b1", h.plusSeconds(800), "bob", 2, "1.0.0"),
                contact(product, "a4", h.plusSeconds(3600), "anna", 0, "1.0.0"), // the next hour
                contact(product, "a5", h.plusSeconds(900), "anna", 1, "1.1.0")); // another version
        post(first);
        post(second);

        List<Map<String, Object>> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, List<Integer>> expected = truth(all);
        // anna's second batch: her first symptoms again (counted once), and "sync stuck", new to her in that hour
        assertThat(expected).containsEntry("1.0.0||" + h, List.of(4, 2))
                .containsEntry("1.0.0|lost note update|" + h, List.of(2, 1))
                .containsEntry("1.0.0|sync stuck|" + h, List.of(2, 2));
        assertThat(stored(product)).isEqualTo(expected);
    }

    @Test
    void concurrentWritersAddingSymptomsToTheSameCustomersCountEachCustomerOncePerCell() throws Exception {
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

        assertThat(stored(product)).isEqualTo(truth(contacts));
    }

    @Test
    void hoursBeforeTheCutoverKeepTheirCustomersInThePerCellTable() {
        String product = uniqueProduct();
        Instant cutover = Instant.parse("2001-06-01T00:00:00Z");
        Instant before = cutover.minus(2, ChronoUnit.HOURS);
        Instant after = cutover.plus(1, ChronoUnit.HOURS);
        Db.update(ds, "INSERT INTO rollup_customer_cutover (before_hour) VALUES (?)", java.sql.Timestamp.from(cutover));
        writer.forgetCutover();
        try {
            List<Map<String, Object>> first = List.of(contact(product, "c1", before.plusSeconds(5), "anna", 0, "1.0.0"),
                    contact(product, "c2", after.plusSeconds(5), "anna", 0, "1.0.0"));
            List<Map<String, Object>> second = List.of(
                    contact(product, "c3", before.plusSeconds(50), "anna", 2, "1.0.0"),
                    contact(product, "c4", before.plusSeconds(60), "bob", 0, "1.0.0"),
                    contact(product, "c5", after.plusSeconds(50), "anna", 2, "1.0.0"));
            post(first);
            post(second);

            List<Map<String, Object>> all = new ArrayList<>(first);
            all.addAll(second);
            assertThat(stored(product)).isEqualTo(truth(all));
            // where each hour's customers were recorded
            assertThat(Db.count(ds, "SELECT count(*) FROM hourly_rollup_customer WHERE cell = ?",
                    Hashes.of(product, "1.0.0", "", before.toString()))).isEqualTo(2);
            assertThat(Db.count(ds, "SELECT count(*) FROM rollup_customer_symptoms WHERE slot = ?",
                    Hashes.of(product, "1.0.0", before.toString()))).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM hourly_rollup_customer WHERE cell = ?",
                    Hashes.of(product, "1.0.0", "", after.toString()))).isZero();
            assertThat(Db.count(ds, "SELECT count(*) FROM rollup_customer_symptoms WHERE slot = ?",
                    Hashes.of(product, "1.0.0", after.toString()))).isEqualTo(1);
        } finally {
            Db.update(ds, "DELETE FROM rollup_customer_cutover");
            writer.forgetCutover();
        }
    }
}

package io.releaseradar.detection;

import static io.releaseradar.detection.RollupHourSnapshotTest.lists;
import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.detection.core.WindowCounts;
import io.releaseradar.ingest.ContactsStored;
import io.releaseradar.ingest.StoredContact;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluations sum the windows from the hours this replica holds in memory, reading only hours that changed: the
 * sums equal the database's, a contact arriving late in a held hour shows at the next read, one symptom's hours are
 * read from the same hours as the windows, and rollups a transaction wrote but rolled back never reach memory.
 */
@QuarkusTest
class RollupHourCacheTest {

    private static final Instant END = Instant.parse("2026-05-04T12:00:00Z");
    private static final List<Duration> WINDOWS = List.of(Duration.ofHours(2), Duration.ofHours(6));

    @Inject
    StoredDetectionSources sources;

    @Inject
    RollupHourCache cells;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<ContactsStored> stored;

    /** Thrown to end a transaction by rolling it back. */
    private static final class RollBack extends RuntimeException {
    }

    private static Map<String, Object> contact(String product, String id, String at, String customer,
            String subject) {
        Map<String, Object> c = Contacts.contact(product, id, at);
        c.put("customerId", customer);
        c.put("subject", subject);
        c.put("body", null);
        c.put("category", null);
        return c;
    }

    private static void ingest(List<Map<String, Object>> batch) {
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(batch.size()));
    }

    /** Six hours of contacts before END: "printer jam" from a new customer every hour, "lost note" in two hours. */
    private static String loadSixHours() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int h = 1; h <= 6; h++) {
            String at = END.minus(Duration.ofHours(h)).plusSeconds(600).toString();
            batch.add(contact(product, "jam-" + h, at, "c" + h, "printer jam"));
            batch.add(contact(product, "jam-again-" + h, at, "c" + h, "printer jam again"));
        }
        batch.add(contact(product, "lost-1", END.minus(Duration.ofMinutes(30)).toString(), "a", "lost note"));
        batch.add(contact(product, "lost-2", END.minus(Duration.ofHours(5)).toString(), "b", "lost note"));
        ingest(batch);
        return product;
    }

    private List<Map<VersionSymptom, Long>> fromTheCache(String product) {
        return fromTheCache(product, 0);
    }

    private List<Map<VersionSymptom, Long>> fromTheCache(String product, long keepAtLeast) {
        assertThat(cells.usable()).isTrue();
        return maps(sources.asOf(END).windowCounts(product, END, WINDOWS, keepAtLeast));
    }

    private List<Map<VersionSymptom, Long>> fromTheDatabase(String product) {
        return fromTheDatabase(product, 0);
    }

    /** The same read in a transaction that says it wrote rollups: the database's one scan of the longest window. */
    private List<Map<VersionSymptom, Long>> fromTheDatabase(String product, long keepAtLeast) {
        return QuarkusTransaction.requiringNew().call(() -> {
            cells.wroteRollups();
            assertThat(cells.usable()).isFalse();
            return maps(sources.asOf(END).windowCounts(product, END, WINDOWS, keepAtLeast));
        });
    }

    /** Each window as one map, as the database's one scan is compared with memory. */
    private static List<Map<VersionSymptom, Long>> maps(WindowCounts counts) {
        List<Map<VersionSymptom, Long>> out = new ArrayList<>();
        for (int w = 0; w < counts.windows(); w++) {
            out.add(counts.window(w));
        }
        return out;
    }

    private double hours(String outcome) {
        return metrics.get("radar_rollup_cache_hours_total").tag("outcome", outcome).counter().count();
    }

    private static long n(List<Map<VersionSymptom, Long>> windows, int window, String symptom) {
        return windows.get(window).getOrDefault(new VersionSymptom("1.0.0", symptom), 0L);
    }

    @Test
    void windowsFromMemoryEqualTheDatabaseAndALateContactInAHeldHourShowsAtTheNextRead() {
        String product = loadSixHours();
        List<Map<VersionSymptom, Long>> database = fromTheDatabase(product);
        assertThat(n(database, 0, "printer jam")).isEqualTo(2);
        assertThat(n(database, 1, "printer jam")).isEqualTo(6);
        assertThat(n(database, 1, "lost note")).isEqualTo(2);

        double read = hours("database");
        double memory = hours("memory");
        assertThat(fromTheCache(product)).isEqualTo(database);
        assertThat(hours("database") - read).isEqualTo(6);
        assertThat(fromTheCache(product)).isEqualTo(database);
        assertThat(hours("memory") - memory).isEqualTo(6);
        assertThat(hours("database") - read).isEqualTo(6);

        // late: another customer's "lost note", received three hours before END, arrives now
        ingest(List.of(contact(product, "lost-late", END.minus(Duration.ofHours(3)).toString(), "late",
                "lost note")));
        List<Map<VersionSymptom, Long>> after = fromTheCache(product);
        assertThat(n(after, 1, "lost note")).isEqualTo(3);
        assertThat(after).isEqualTo(fromTheDatabase(product));
        assertThat(hours("database") - read).isEqualTo(7);
    }

    @Test
    void symptomsBelowTheFewestCustomersAreLeftOutAlikeFromMemoryAndTheDatabase() {
        String product = loadSixHours();
        // "lost note": 2 customers (a, b), "printer jam": 6 (and "jam" the same 6), all contacts 8
        List<Map<VersionSymptom, Long>> database = fromTheDatabase(product, 3);
        assertThat(n(database, 1, "lost note")).isZero();
        assertThat(n(database, 1, "printer jam")).isEqualTo(6);
        // a kept symptom keeps its counts in every window, below the threshold too: 2 in the last 2 hours
        assertThat(n(database, 0, "printer jam")).isEqualTo(2);
        assertThat(n(database, 1, "")).isEqualTo(8);
        assertThat(fromTheCache(product, 3)).isEqualTo(database);

        ingest(List.of(contact(product, "lost-late", END.minus(Duration.ofHours(3)).toString(), "late",
                "lost note")));
        List<Map<VersionSymptom, Long>> after = fromTheCache(product, 3);
        assertThat(n(after, 1, "lost note")).isEqualTo(3);
        assertThat(after).isEqualTo(fromTheDatabase(product, 3));
    }

    @Test
    void aProductWhoseCellNumbersFarOutnumberTheCellsInUseIsNumberedAfreshAndItsHoursReadAgain() {
        String product = loadSixHours();
        // many phrases of their own in the four oldest hours: numbered at the first read, out of the later windows
        String[] words = {"kiwi", "mango", "plum", "pear", "fig", "lime", "date", "guava", "melon", "berry"};
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String at = END.minus(Duration.ofHours(3 + i % 4)).plusSeconds(900).toString();
            batch.add(contact(product, "fruit-" + i, at, "f" + i, words[i] + " toaster " + words[(i + 3) % 10]));
        }
        ingest(batch);
        Instant later = END.plus(Duration.ofHours(4)); // its 6 h window holds only the two newest hours
        assertThat(fromTheCache(product)).isEqualTo(fromTheDatabase(product));

        double read = hours("database");
        List<Map<VersionSymptom, Long>> database = QuarkusTransaction.requiringNew().call(() -> {
            cells.wroteRollups();
            return maps(sources.asOf(later).windowCounts(product, later, WINDOWS, 0));
        });
        assertThat(maps(sources.asOf(later).windowCounts(product, later, WINDOWS, 0))).isEqualTo(database);
        assertThat(hours("database") - read).as("both hours held").isZero();
        cells.renumberAbove(1);
        try {
            // this read finds far more cells numbered than its windows use, and drops the numbering
            assertThat(maps(sources.asOf(later).windowCounts(product, later, WINDOWS, 0))).isEqualTo(database);
            assertThat(hours("database") - read).isZero();
            // so the next one reads its hours again, numbered afresh
            assertThat(maps(sources.asOf(later).windowCounts(product, later, WINDOWS, 0))).isEqualTo(database);
            assertThat(hours("database") - read).isEqualTo(2);
        } finally {
            cells.renumberAbove(RollupHourCache.MIN_RENUMBER);
        }
    }

    @Test
    void aSymptomsHoursComeFromTheHoursItsWindowsWereSummedFrom() {
        String product = loadSixHours();
        Instant from = END.minus(Duration.ofHours(6));
        StoredDetectionSource evaluation = sources.asOf(END);
        List<Map<VersionSymptom, Long>> windows = maps(evaluation.windowCounts(product, END, WINDOWS, 0));
        assertThat(windows).isEqualTo(fromTheDatabase(product));
        for (String symptom : List.of("printer jam", "lost note", "", "no such phrase")) {
            assertThat(lists(evaluation.hourlyCustomers(product, symptom, from, END))).as(symptom)
                    .isEqualTo(lists(sources.asOf(END).hourlyCustomers(product, symptom, from, END)));
        }
        assertThat(lists(evaluation.hourlyCustomers(product, "lost note", from, END)))
                .isEqualTo(Map.of("1.0.0", List.of(0L, 1L, 0L, 0L, 0L, 1L)));

        // a contact committed after the windows were read: this evaluation's hours stay as its windows saw them,
        // a range outside them (and a new evaluation) read the database
        ingest(List.of(contact(product, "lost-late", END.minus(Duration.ofHours(3)).toString(), "late",
                "lost note")));
        assertThat(lists(evaluation.hourlyCustomers(product, "lost note", from, END)))
                .isEqualTo(Map.of("1.0.0", List.of(0L, 1L, 0L, 0L, 0L, 1L)));
        assertThat(lists(sources.asOf(END).hourlyCustomers(product, "lost note", from, END)))
                .isEqualTo(Map.of("1.0.0", List.of(0L, 1L, 0L, 1L, 0L, 1L)));
        assertThat(lists(evaluation.hourlyCustomers(product, "lost note", from.minus(Duration.ofHours(1)), END)))
                .isEqualTo(Map.of("1.0.0", List.of(0L, 0L, 1L, 0L, 1L, 0L, 1L)));
    }

    @Test
    void rollupsATransactionWroteAndRolledBackNeverReachMemory() {
        String product = loadSixHours();
        Instant hour = END.minus(Duration.ofHours(2));
        List<Map<VersionSymptom, Long>> before = fromTheCache(product);

        // a writer's transaction: its own rollups are visible to it before they commit, then it rolls back
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            stored.fire(new ContactsStored(List.of(new StoredContact("hd-" + product, "rolled-back",
                    hour.plusSeconds(60), "phone", "ghost", product, "1.0.0", null, "display flicker", null))));
            assertThat(cells.usable()).isFalse();
            assertThat(n(maps(sources.asOf(END).windowCounts(product, END, WINDOWS, 0)), 1, "display flicker"))
                    .isEqualTo(1);
            throw new RollBack();
        })).isInstanceOf(RollBack.class);

        // a committed contact in the same hour gives the hour the contact count the rolled-back one had: memory
        // filled inside that transaction would now pass for current
        ingest(List.of(contact(product, "kept", hour.plusSeconds(120).toString(), "kept", "fan noise")));
        List<Map<VersionSymptom, Long>> after = fromTheCache(product);
        assertThat(n(after, 1, "fan noise")).isEqualTo(1);
        assertThat(n(after, 1, "display flicker")).isZero();
        assertThat(after).isEqualTo(fromTheDatabase(product));
        assertThat(n(after, 1, "")).isEqualTo(n(before, 1, "") + 1);
    }
}

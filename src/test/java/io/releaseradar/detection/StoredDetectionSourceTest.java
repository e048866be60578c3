package io.releaseradar.detection;

import static io.releaseradar.detection.RollupHourSnapshotTest.lists;
import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.DetectionSource.VersionRange;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.ingest.ContactsStored;
import io.releaseradar.ingest.StoredContact;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The predecessors' days, read in one statement or ahead on another connection, are what reading each range on its
 * own gives; a transaction that wrote rollups reads its own.
 */
@QuarkusTest
class StoredDetectionSourceTest {

    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

    @Inject
    StoredDetectionSources sources;

    @Inject
    Event<ContactsStored> stored;

    @Inject
    AgroalDataSource dataSource;

    /** Thrown to end a transaction by rolling it back. */
    private static final class RollBack extends RuntimeException {
    }

    /** 30 hours of two versions: every hour one contact each, "printer jam" every third hour, else "lost note". */
    private static String loadThirtyHours() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            for (String version : List.of("1.0.0", "1.1.0")) {
                Map<String, Object> c = Contacts.contact(product, version + "-" + h, T0.plus(Duration.ofHours(h))
                        .plusSeconds(60).toString());
                c.put("version", version);
                c.put("subject", h % 3 == 0 ? "printer jam" : "lost note");
                batch.add(c);
            }
        }
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(batch.size()));
        return product;
    }

    private static VersionRange range(String version, int fromHour, int toHour) {
        return new VersionRange(version, T0.plus(Duration.ofHours(fromHour)), T0.plus(Duration.ofHours(toHour)));
    }

    @Test
    void rangesReadTogetherEqualEachRangeReadAlone() {
        String product = loadThirtyHours();
        StoredDetectionSource source = sources.asOf(T0.plus(Duration.ofDays(2)));
        List<VersionRange> ranges = List.of(
                new VersionRange("1.0.0", T0, T0.plus(Duration.ofHours(24))),
                new VersionRange("1.1.0", T0.plus(Duration.ofHours(6)), T0.plus(Duration.ofHours(30))),
                new VersionRange("1.0.0", T0.plus(Duration.ofHours(20)), T0.plus(Duration.ofHours(26))),
                new VersionRange("9.9.9", T0, T0.plus(Duration.ofHours(24))));
        List<Map<VersionSymptom, Long>> together = source.customersOf(product, ranges);

        assertThat(together).hasSize(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            VersionRange r = ranges.get(i);
            assertThat(together.get(i)).isEqualTo(source.customersOf(product, r.version(), r.from(), r.to()));
        }
        assertThat(together.get(0)).containsEntry(new VersionSymptom("1.0.0", ""), 24L)
                .containsEntry(new VersionSymptom("1.0.0", "printer jam"), 8L);
        assertThat(together.get(2)).containsEntry(new VersionSymptom("1.0.0", ""), 6L);
        assertThat(together.get(3)).isEmpty();
        assertThat(source.customersOf(product, List.of())).isEmpty();
    }

    @Test
    void rangesReadAheadAreWhatReadingThemWhenAskedGivesAndTheOthersAreReadThen() {
        String product = loadThirtyHours();
        Instant asOf = T0.plus(Duration.ofDays(2));
        StoredDetectionSource ahead = sources.asOf(asOf);
        ahead.willRead(product, List.of(range("1.0.0", 0, 24), range("1.1.0", 6, 30)));
        // asked in another order, with a range that was not announced
        List<VersionRange> asked = List.of(range("1.1.0", 6, 30), range("1.0.0", 20, 26), range("1.0.0", 0, 24));

        List<Map<VersionSymptom, Long>> got = ahead.customersOf(product, asked);

        StoredDetectionSource alone = sources.asOf(asOf);
        assertThat(got).hasSize(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            VersionRange r = asked.get(i);
            assertThat(got.get(i)).isEqualTo(alone.customersOf(product, r.version(), r.from(), r.to()));
        }
        assertThat(got.get(0)).containsEntry(new VersionSymptom("1.1.0", ""), 24L);
        assertThat(got.get(1)).containsEntry(new VersionSymptom("1.0.0", ""), 6L);
        assertThat(got.get(2)).containsEntry(new VersionSymptom("1.0.0", "printer jam"), 8L);
        // another product's announcement is not an answer for this one
        StoredDetectionSource other = sources.asOf(asOf);
        other.willRead(uniqueProduct(), List.of(range("1.0.0", 0, 24)));
        assertThat(other.customersOf(product, List.of(range("1.0.0", 0, 24)))).isEqualTo(List.of(got.get(2)));
    }

    @Test
    void aTransactionThatWroteRollupsReadsItsOwnNotAheadOnAnotherConnection() {
        String product = loadThirtyHours();
        Instant asOf = T0.plus(Duration.ofDays(2));
        VersionRange day = range("1.0.0", 0, 24);
        long committed = sources.asOf(asOf).customersOf(product, List.of(day)).get(0)
                .get(new VersionSymptom("1.0.0", ""));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            stored.fire(new ContactsStored(List.of(new StoredContact("hd-" + product, "uncommitted",
                    T0.plus(Duration.ofHours(3)).plusSeconds(90), "phone", "late-caller", product, "1.0.0", null,
                    "display flicker", null))));
            StoredDetectionSource source = sources.asOf(asOf);
            source.willRead(product, List.of(day));
            Map<VersionSymptom, Long> seen = source.customersOf(product, List.of(day)).get(0);
            assertThat(seen).containsEntry(new VersionSymptom("1.0.0", ""), committed + 1)
                    .containsEntry(new VersionSymptom("1.0.0", "display flicker"), 1L);
            throw new RollBack();
        })).isInstanceOf(RollBack.class);
    }

    private static Map<String, Object> installation(String product, String customer, String version, int hour) {
        return Map.of("customerId", customer, "product", product, "version", version, "installedAt",
                T0.plus(Duration.ofHours(hour)).plusSeconds(30).toString());
    }

    @Test
    void exposureReadAheadIsWhatReadingItWhenAskedGivesAndATransactionSeesTheInstallationsItWrote() {
        String product = uniqueProduct();
        as(Roles.INGEST).body(List.of(Map.of("id", product + "-a"), Map.of("id", product + "-b")))
                .post("/api/v1/customers/batch").then().statusCode(200);
        as(Roles.INGEST).body(List.of(installation(product, product + "-a", "1.0.0", 0),
                installation(product, product + "-b", "1.0.0", 2), installation(product, product + "-a", "1.1.0", 5)))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(3));
        Instant asOf = T0.plus(Duration.ofHours(10));

        StoredDetectionSource ahead = sources.asOf(asOf);
        ahead.willRead(product, List.of());
        Map<String, List<Long>> read = lists(ahead.hourlyActiveInstalls(product, T0, asOf));

        assertThat(read).isEqualTo(lists(sources.asOf(asOf).hourlyActiveInstalls(product, T0, asOf)));
        assertThat(read.get("1.0.0")).containsExactly(0L, 1L, 1L, 2L, 2L, 2L, 1L, 1L, 1L, 1L);
        assertThat(read.get("1.1.0")).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L);

        // in a transaction that wrote an installation, the source reads what that transaction sees
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            // on this transaction's connection (the batch API commits in a transaction of its own)
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO installation (customer_id, product, version, installed_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, product + "-b");
                insert.setString(2, product);
                insert.setString(3, "1.1.0");
                insert.setTimestamp(4, Timestamp.from(T0.plus(Duration.ofHours(7)).plusSeconds(30)));
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            StoredDetectionSource source = sources.asOf(asOf);
            source.willRead(product, List.of());
            assertThat(lists(source.hourlyActiveInstalls(product, T0, asOf)).get("1.1.0"))
                    .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L, 2L, 2L);
            throw new RollBack();
        })).isInstanceOf(RollBack.class);
    }

    /** The categories' first and last hours, read in full or extended from what an earlier evaluation read. */
    @Test
    void categoryHoursAreTheRollupsFirstAndLastHourWhetherReadInFullOrExtended() {
        // 30 hours of one version: "Sync Problems" until hour 20, then "Sync Issues"
        String product = uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            Map<String, Object> c = Contacts.contact(product, "sync-" + h, T0.plus(Duration.ofHours(h))
                    .plusSeconds(60).toString());
            c.put("category", h < 20 ? "Sync Problems" : "Sync Issues");
            batch.add(c);
        }
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200);
        Instant asOf = T0.plus(Duration.ofDays(2));
        DetectionSource.CategoryHours problems = new DetectionSource.CategoryHours("category:sync-problems", "1.0.0",
                T0, T0.plus(Duration.ofHours(19)));

        // the first read of the product is in full; the next one adds the hours closed since; a replay of an
        // earlier hour reads up to its own hour
        assertThat(sources.asOf(asOf).categoryHours(product, T0.plus(Duration.ofHours(25)))).containsExactlyInAnyOrder(
                problems, issues(20, 24));
        assertThat(sources.asOf(asOf).categoryHours(product, T0.plus(Duration.ofHours(30)))).containsExactlyInAnyOrder(
                problems, issues(20, 29));
        assertThat(sources.asOf(asOf).categoryHours(product, T0.plus(Duration.ofHours(22)))).containsExactlyInAnyOrder(
                problems, issues(20, 21));
        assertThat(sources.steps(asOf).get().categoryHours(product, T0.plus(Duration.ofHours(30))))
                .containsExactlyInAnyOrder(problems, issues(20, 29));

        // stored late for hours already read: a new customer's "Sync Problems" at hour 27 counts at the next read;
        // a follow-up of a customer counted that week (hour 28, a rollup row of 0 customers) does not
        Map<String, Object> late = Contacts.contact(product, "late-27", T0.plus(Duration.ofHours(27)).toString());
        late.put("category", "Sync Problems");
        Map<String, Object> followUp = Contacts.contact(product, "follow-up-28",
                T0.plus(Duration.ofHours(28)).toString());
        followUp.put("category", "Sync Problems");
        followUp.put("customerId", "c-sync-5");
        as(Roles.INGEST).body(List.of(late, followUp)).post("/api/v1/contacts/batch").then().statusCode(200);
        assertThat(sources.asOf(asOf).categoryHours(product, T0.plus(Duration.ofHours(31)))).containsExactlyInAnyOrder(
                new DetectionSource.CategoryHours("category:sync-problems", "1.0.0", T0, T0.plus(Duration.ofHours(27))),
                issues(20, 29));
    }

    private static DetectionSource.CategoryHours issues(int first, int last) {
        return new DetectionSource.CategoryHours("category:sync-issues", "1.0.0", T0.plus(Duration.ofHours(first)),
                T0.plus(Duration.ofHours(last)));
    }
}

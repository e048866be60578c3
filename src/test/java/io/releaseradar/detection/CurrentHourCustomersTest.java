package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.ingest.ContactErasure;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The current hour counts from the symptom hashes stored with each contact at ingest (V52), not from its text: the
 * hashes are those of the keys its rollups counted, a contact whose text is gone still counts under them, contacts
 * stored without hashes are extracted again, and erasing a customer clears them.
 */
@QuarkusTest
class CurrentHourCustomersTest {

    private static final String CATEGORY = "Data";
    private static final String SUBJECT = "Notes vanished after update";
    private static final String BODY = "all my notes vanished from the notebook";

    @Inject
    AgroalDataSource ds;
    @Inject
    RollupWriter writer;
    @Inject
    CurrentHourCustomers currentHour;
    @Inject
    SymptomKeys symptoms;
    @Inject
    ContactErasure erasure;

    private String product;
    private Instant hour;

    @BeforeEach
    void world() {
        // every hour counted weekly, as in RollupCustomersTest; a period of its own
        Db.update(ds, "DELETE FROM rollup_weekly_cutover");
        writer.forgetCutover();
        product = uniqueProduct();
        hour = Instant.parse("2032-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(50_000)));
    }

    private String ada() {
        return product + "-ada";
    }

    private String bob() {
        return product + "-bob";
    }

    private Map<String, Object> contact(String id, String customer, Instant at) {
        Map<String, Object> c = Contacts.contact(product, id, at.toString());
        c.put("customerId", customer);
        c.put("version", "2.0");
        c.put("category", CATEGORY);
        c.put("subject", SUBJECT);
        c.put("body", BODY);
        return c;
    }

    /** Ada wrote three days before the hour; in the hour Ada and Bob write the same, one after the other. */
    private void contacts() {
        as(Roles.INGEST).body(List.of(contact("a0", ada(), hour.minus(Duration.ofDays(3))),
                contact("a1", ada(), hour.plus(Duration.ofMinutes(5))),
                contact("b1", bob(), hour.plus(Duration.ofMinutes(6)))))
                .post("/api/v1/contacts/batch").then().statusCode(200);
    }

    private Map<VersionSymptom, Long> counted() {
        return currentHour.of(product, hour, hour.plus(Duration.ofMinutes(30)));
    }

    /** Every key of the contacts' text counts Bob alone: Ada was counted under each in the week before. */
    private Map<VersionSymptom, Long> bobUnderEveryKey() {
        Map<VersionSymptom, Long> out = new HashMap<>();
        for (String key : symptoms.keysOf(CATEGORY, SUBJECT, BODY)) {
            out.put(new VersionSymptom("2.0", key), 1L);
        }
        return out;
    }

    @Test
    void eachContactStoresTheHashesOfTheKeysItsRollupsCounted() {
        contacts();
        // the hours of a0 and b1 hold one contact each, so their rollups' keys are that contact's
        for (String[] c : List.of(new String[] {"a0", "3 days before"}, new String[] {"b1", "in the hour"})) {
            Set<Long> stored = Db.rows(ds, "SELECT unnest(symptom_hashes) FROM contact WHERE source = ? AND"
                    + " external_id = ?", "hd-" + product, c[0]).stream().map(r -> ((Number) r.get(0)).longValue())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<Long> rolledUp = Db.rows(ds, "SELECT r.symptom FROM hourly_rollup r JOIN contact k ON k.product ="
                    + " r.product AND date_trunc('hour', k.received_at) = r.hour WHERE k.source = ? AND k.external_id"
                    + " = ? AND r.product = ? AND r.version = '2.0'", "hd-" + product, c[0], product).stream()
                    .map(r -> Hashes.of((String) r.get(0))).collect(Collectors.toCollection(TreeSet::new));
            assertThat(stored).as(c[1]).hasSizeGreaterThan(2).isEqualTo(rolledUp);
        }
    }

    @Test
    void theCurrentHourCountsFromStoredHashesWithoutText() {
        contacts();
        Map<VersionSymptom, Long> expected = bobUnderEveryKey();
        assertThat(expected.keySet()).contains(new VersionSymptom("2.0", Symptoms.ALL)).hasSizeGreaterThan(3);
        // texts gone before the first count (nothing of them remembered), hashes kept: every key counted
        Db.update(ds, "UPDATE contact SET subject = NULL, body = NULL WHERE product = ?", product);
        assertThat(counted()).isEqualTo(expected);
    }

    @Test
    void contactsStoredWithoutHashesAreExtractedAgain() {
        contacts();
        Db.update(ds, "UPDATE contact SET symptom_hashes = NULL WHERE product = ?", product);
        assertThat(counted()).isEqualTo(bobUnderEveryKey());
    }

    @Test
    void erasingACustomerClearsTheirHashesSoTheHourMayCountThemAgainUnderAPhrase() {
        as(Roles.INGEST).body(List.of(contact("a0", ada(), hour.minus(Duration.ofDays(3)))))
                .post("/api/v1/contacts/batch").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> erasure.eraseTextsOf(ada()));
        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ? AND symptom_hashes IS NULL"
                + " AND subject IS NULL AND body IS NULL", product)).as("hashes erased with the texts").isEqualTo(1);
        // Ada writes again after the erasure, in the hour, and so does Bob
        as(Roles.INGEST).body(List.of(contact("a1", ada(), hour.plus(Duration.ofMinutes(5))),
                contact("b1", bob(), hour.plus(Duration.ofMinutes(6))))).post("/api/v1/contacts/batch").then()
                .statusCode(200);

        // Ada's erased contact shows only all contacts and its category: she counts again under each phrase, so
        // under all contacts too; under the category as before
        Map<VersionSymptom, Long> expected = bobUnderEveryKey();
        expected.replaceAll((cell, n) -> Symptoms.isCategory(cell.symptom()) ? n : n + 1);
        assertThat(counted()).isEqualTo(expected);
    }
}

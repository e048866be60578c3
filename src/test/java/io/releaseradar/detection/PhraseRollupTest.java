package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key phrases reach the hourly rollups through REST ingest, each customer counted once per cell. */
@QuarkusTest
class PhraseRollupTest {

    @Inject
    AgroalDataSource ds;

    private static Map<String, Object> phraseContact(String product, String id, String at, String customer,
            String subject, String body) {
        Map<String, Object> c = Contacts.contact(product, id, at);
        c.put("customerId", customer);
        c.put("subject", subject);
        c.put("body", body);
        return c;
    }

    private List<List<Object>> rollup(String product, String symptom) {
        return Db.rows(ds, "SELECT version, to_char(hour AT TIME ZONE 'UTC', 'HH24'), contacts, customers "
                + "FROM hourly_rollup WHERE product = ? AND symptom = ? ORDER BY 2", product, symptom);
    }

    @Test
    void aPhraseCountsContactsAndEachCustomerOnceAWeek() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = List.of(
                // one customer, three calls in the 14:00 hour, in three wordings of "lost note"
                phraseContact(product, "p1", "2026-03-01T14:05:00Z", "anna", "Lost notes after update", null),
                phraseContact(product, "p2", "2026-03-01T14:20:00Z", "anna", "Lost my notes again!!", null),
                phraseContact(product, "p3", "2026-03-01T14:50:00Z", "anna", "Help", "I losst the notes"),
                phraseContact(product, "p4", "2026-03-01T14:30:00Z", "bob", "LOST NOTES", null),
                // anonymous: counts as a customer of its own
                phraseContact(product, "p5", "2026-03-01T14:40:00Z", null, null, "lost note, please help"),
                // bob again the next hour: a contact more, not a customer more (counted once a week)
                phraseContact(product, "p6", "2026-03-01T15:10:00Z", "bob", "lost notes", null),
                // not the phrase: words apart, or in the other order
                phraseContact(product, "p7", "2026-03-01T14:45:00Z", "carl", "Notes lost", null),
                phraseContact(product, "p8", "2026-03-01T14:46:00Z", "dora", "Lost connection", "notes fine"));
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(8));

        List<List<Object>> expected = List.of(List.of("1.0.0", "14", 5, 3), List.of("1.0.0", "15", 1, 0));
        assertEquals(expected, rollup(product, "lost note"));
        assertEquals(List.of(List.of("1.0.0", "14", 7, 5), List.of("1.0.0", "15", 1, 0)),
                rollup(product, "lost"));
        assertEquals(List.of(List.of("1.0.0", "14", 7, 5), List.of("1.0.0", "15", 1, 0)),
                rollup(product, ""));

        // The same batch again is all duplicates and counts nothing.
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(8));
        assertEquals(expected, rollup(product, "lost note"));

        // A later batch: anna again (already counted in the 14:00 cell), and a new customer.
        as(Roles.INGEST).body(List.of(
                        phraseContact(product, "p9", "2026-03-01T14:59:00Z", "anna", "still lost notes", null),
                        phraseContact(product, "p10", "2026-03-01T14:58:00Z", "erik", "lost notes", null)))
                .post("/api/v1/contacts/batch").then().statusCode(200).body("accepted", equalTo(2));
        assertEquals(List.of(List.of("1.0.0", "14", 7, 4), List.of("1.0.0", "15", 1, 0)),
                rollup(product, "lost note"));
    }

    @Test
    void aRenamedCategoryCountsUnderItsNewName() {
        // application.properties, test profile: Phrase_Test_Old → "Phrase Test New"
        String product = uniqueProduct();
        Map<String, Object> old = Contacts.contact(product, "r1", "2026-03-01T14:05:00Z");
        old.put("category", "phrase-test OLD");
        Map<String, Object> renamed = Contacts.contact(product, "r2", "2026-03-01T14:06:00Z");
        renamed.put("category", "Phrase Test New");
        as(Roles.INGEST).body(List.of(old, renamed)).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(2));

        assertEquals(List.of(List.of("category:phrase-test-new", 2, 2)), Db.rows(ds,
                "SELECT symptom, contacts, customers FROM hourly_rollup WHERE product = ? AND symptom LIKE 'category:%'",
                product));
    }
}

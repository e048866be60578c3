package io.releaseradar.ingest;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static io.releaseradar.testsupport.Contacts.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactSamplesTest {

    private static final Instant FROM = Instant.parse("2026-03-05T07:30:00Z");
    private static final Instant TO = Instant.parse("2026-03-05T13:00:00Z");

    @Inject
    ContactSamples samples;

    private String product;

    private static Map<String, Object> c(String product, String id, String at, String customer, String version,
            String category, String subject, String body) {
        Map<String, Object> m = contact(product, id, "2026-03-05T" + at + ":00Z");
        m.put("customerId", customer);
        m.put("version", version);
        m.put("category", category);
        m.put("subject", subject);
        m.put("body", body);
        return m;
    }

    @BeforeEach
    void postContacts() {
        product = uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(c(product, "c1", "10:00", "alice", "2.4.0", "Sync Issues", "Lost my notes",
                "After the update all notes are gone"));
        batch.add(c(product, "c2", "11:00", "alice", "2.4.0", "sync-issues", "Still losst notes!!", null));
        batch.add(c(product, "c3", "09:00", "bob", "2.4.0", "Billing", "Invoice wrong", "I can't log in to pay"));
        batch.add(c(product, "c4", "08:00", "carol", "2.4.0", "Sync Issues", "Sync", "Entries disappeared"));
        batch.add(c(product, "c5", "12:00", null, "2.4.0", null, "notebook lost", null));
        batch.add(c(product, "c6", "07:00", "dave", "2.4.0", "Sync Issues", "lost notes", "before the window"));
        batch.add(c(product, "c7", "13:00", "erin", "2.4.0", "Sync Issues", "lost notes", "at the window's end"));
        batch.add(c(product, "c8", "10:30", "frank", "2.3.0", "Sync Issues", "lost notes", "older version"));
        batch.add(c(product, "c9", "09:30", "gina", "2.4.0", "Sync Problems", "Cannot synnc", "It says: can\u2019t"));
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(batch.size()));
    }

    private List<String> ids(String version, String symptom, int limit) {
        return samples.find(product, version, symptom, FROM, TO, limit).stream().map(ContactSample::externalId)
                .toList();
    }

    @Test
    void aKeyPhraseMatchesWordBeginningsAfterTheLightNormalisation() {
        // "Lost my notes", "losst notes" (doubled letter), "notebook lost" (a word that begins with "note").
        assertThat(ids("2.4.0", "lost note", 10)).containsExactly("c5", "c2", "c1");
        assertThat(ids("2.4.0", "cant log", 10)).as("apostrophes dropped, body searched").containsExactly("c3");
        assertThat(ids("2.4.0", "canot sync", 10)).as("the extractor's form of \"cannot sync\"").containsExactly("c9");
        assertThat(ids("2.4.0", "cant", 10)).as("a typographic apostrophe").containsExactly("c9", "c3");
        assertThat(ids("2.4.0", "entry", 10)).as("plural -ies").containsExactly("c4");
        assertThat(ids("2.4.0", "lost invoice", 10)).as("every word must occur").isEmpty();
        assertThat(ids("2.4.0", "crash", 10)).isEmpty();
        assertThat(ids("2.4.0", "ote", 10)).as("words match from their start only").isEmpty();
    }

    @Test
    void aCategorySymptomMatchesTheNormalisedHelpdeskCategory() {
        assertThat(ids("2.4.0", "category:sync-issues", 10)).containsExactly("c2", "c1", "c4");
        assertThat(ids("2.4.0", "category:billing", 10)).containsExactly("c3");
        assertThat(ids("2.4.0", "category:sync", 10)).isEmpty();
        assertThat(ids("2.4.0", "category:sync-problems", 10)).containsExactly("c9");
    }

    @Test
    void aRenamedCategoryCountsUnderItsNewName() {
        List<String> ids = samples.find(product, "2.4.0", "category:sync-issues", Map.of("sync_problems",
                "Sync Issues"), FROM, TO, 10).stream().map(ContactSample::externalId).toList();
        assertThat(ids).containsExactly("c2", "c1", "c9", "c4");
        assertThat(samples.find(product, "2.4.0", "category:sync-problems", Map.of("sync_problems", "Sync Issues"),
                FROM, TO, 10)).isEmpty();
    }

    @Test
    void distinctCustomersComeFirstThenTheNewestOverall() {
        // alice's older c1 is newer than carol's c4, but carol is another voice.
        assertThat(ids("2.4.0", "category:sync-issues", 2)).containsExactly("c2", "c4");
        assertThat(ids("2.4.0", "", 3)).containsExactly("c5", "c2", "c9");
    }

    @Test
    void anySymptomTakesEveryContactOfTheVersionInTheHalfOpenWindow() {
        List<ContactSample> all = samples.find(product, "2.4.0", null, FROM, TO, 10);
        assertThat(all).extracting(ContactSample::externalId).containsExactly("c5", "c2", "c1", "c9", "c3", "c4");
        assertThat(all.get(1)).isEqualTo(new ContactSample("hd-" + product, "c2",
                Instant.parse("2026-03-05T11:00:00Z"), "Still losst notes!!", "alice"));
        assertThat(samples.find(product, "2.4.0", "", FROM, TO, 0)).isEmpty();
    }

    @Test
    void productWideSamplesComeFromEveryVersion() {
        assertThat(ids(null, "lost note", 10)).containsExactly("c5", "c2", "c8", "c1");
        assertThat(ids("2.3.0", "lost note", 10)).containsExactly("c8");
    }
}

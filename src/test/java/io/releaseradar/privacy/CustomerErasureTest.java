package io.releaseradar.privacy;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.Hashes;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DELETE /api/v1/customers/{id}: the customer's name, address and texts are gone from every table, nothing pending
 * is mailed to them, and what detection counts (contacts, rollups, installations, health) is exactly as before.
 */
@QuarkusTest
class CustomerErasureTest {

    @Inject
    AgroalDataSource ds;
    @Inject
    AlertTestSupport alerts;
    @Inject
    NoticeDeliveryWorker worker;
    @Inject
    MockMailbox mailbox;

    @Test
    void erasureRemovesPersonalDataEverywhereAndKeepsTheCounts() {
        String p = Api.uniqueProduct();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String ada = p + "-ada";
        String adaMail = "ada." + tag + "@erase.example";
        String adaName = "Ada Erasable " + tag;
        String adaSubject = "Whiskers" + tag + " walked over my keyboard";
        String adaBody = "Call me back at " + adaMail + ", my notes are gone since 2.0";
        String bob = p + "-bob";
        String bobMail = "bob." + tag + "@keep.example";

        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", now.minus(Duration.ofDays(20)).toString()))
                .put("/api/v1/products/{p}/releases/{v}", p, "1.0").then().statusCode(201);
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", now.minus(Duration.ofDays(5)).toString(),
                "previousVersion", "1.0")).put("/api/v1/products/{p}/releases/{v}", p, "2.0").then().statusCode(201);
        as(Roles.INGEST).body(List.of(customer(ada, adaName, adaMail), customer(bob, "Bob Kept", bobMail)))
                .post("/api/v1/customers/batch").then().statusCode(200).body("upserted", equalTo(2));
        as(Roles.INGEST).body(List.of(install(ada, p, "2.0", now.minus(Duration.ofDays(4))),
                install(bob, p, "2.0", now.minus(Duration.ofDays(4))),
                install(p + "-carol", p, "1.0", now.minus(Duration.ofDays(15)))))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(3));
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(contactSync(p, "ada-" + i, ada, now.minus(Duration.ofHours(30 - i)), adaSubject, adaBody));
        }
        contacts.add(contactSync(p, "bob-0", bob, now.minus(Duration.ofHours(29)), "Sync broken", "since 2.0"));
        as(Roles.INGEST).body(contacts).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(4));
        // An alert quoting one of Ada's contacts and Bob's; a subscription, so the alert outbox holds it too.
        as(Roles.SUPPORT_LEAD).body(Map.of("product", p, "minSeverity", "LOW", "email", "lead@radar.example"))
                .put("/api/v1/subscriptions/{id}", p).then().statusCode(201);
        Instant sampleAt = now.minus(Duration.ofHours(30));
        UUID alertId = alerts.apply(p, now, List.of(AlertTestSupport.finding(p, "2.0", Severity.HIGH, 9.0)),
                f -> List.of(new AlertView.SampleContact("hd-" + p, "ada-0", sampleAt, adaSubject),
                        new AlertView.SampleContact("hd-" + p, "bob-0", sampleAt, "Sync broken")))
                .opened().get(0).id();
        // A notice to both, approved but not yet sent (the test profile runs no delivery worker).
        String notice = as(Roles.RELEASE_MANAGER).body(Map.of("product", p, "version", "2.0", "audience",
                "INSTALLED", "subject", "About {version}", "body", "Dear {name}, wait for 2.1."))
                .post("/api/v1/notices").then().statusCode(201).extract().path("id");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", notice).then().statusCode(200);

        List<String> personal = List.of(adaMail, adaName, adaSubject, adaBody);
        assertThat(tablesHolding(personal)).as("the scan finds the data before erasure")
                .contains("customer.email", "customer.name", "contact.subject", "contact.body",
                        "alert.sample_contacts", "alert_outbox.payload");
        // the hashes of the symptom keys (phrases) of her words, stored with her contacts: no text for the scan
        String hashed = "SELECT customer_id FROM contact WHERE product = ? AND symptom_hashes IS NOT NULL ORDER BY 1";
        assertThat(rows(hashed, p)).containsExactly(List.of(ada), List.of(ada), List.of(ada), List.of(bob));
        // the rollups' per-customer rows: which symptoms (hashes of her phrases) she was counted under
        String counted = "SELECT count(*) FROM (SELECT customer FROM rollup_customer_weeks WHERE customer = ?"
                + " UNION ALL SELECT customer FROM rollup_customer_symptoms WHERE customer = ?) t";
        assertThat((Long) rows(counted, Hashes.of(ada), Hashes.of(ada)).get(0).get(0)).isPositive();
        List<List<Object>> bobCounted = rows(counted, Hashes.of(bob), Hashes.of(bob));
        assertThat((Long) bobCounted.get(0).get(0)).isPositive();
        String health = health(p, now);
        List<List<Object>> rollups = rows("SELECT version, symptom, hour, contacts, customers FROM hourly_rollup"
                + " WHERE product = ? ORDER BY 1, 2, 3", p);
        List<List<Object>> installs = rows("SELECT customer_id, version, installed_at, ended_at FROM installation"
                + " WHERE product = ? ORDER BY 1, 3", p);
        List<List<Object>> keptContacts = rows("SELECT source, external_id, received_at, customer_id, version,"
                + " category FROM contact WHERE product = ? ORDER BY 1, 2", p);

        as(Roles.ADMIN).delete("/api/v1/customers/{id}", ada).then().statusCode(204);

        assertThat(tablesHolding(personal)).as("columns still holding Ada's data").isEmpty();
        assertThat(rows(hashed, p)).as("contacts still holding hashes of their words").containsExactly(List.of(bob));
        assertThat(rows(counted, Hashes.of(ada), Hashes.of(ada))).as("her rollup rows").containsExactly(List.of(0L));
        assertThat(rows(counted, Hashes.of(bob), Hashes.of(bob))).isEqualTo(bobCounted);
        assertThat(health(p, now)).isEqualTo(health);
        assertThat(rows("SELECT version, symptom, hour, contacts, customers FROM hourly_rollup WHERE product = ?"
                + " ORDER BY 1, 2, 3", p)).isNotEmpty().isEqualTo(rollups);
        assertThat(rows("SELECT customer_id, version, installed_at, ended_at FROM installation WHERE product = ?"
                + " ORDER BY 1, 3", p)).isEqualTo(installs);
        assertThat(rows("SELECT source, external_id, received_at, customer_id, version, category FROM contact"
                + " WHERE product = ? ORDER BY 1, 2", p)).hasSize(4).isEqualTo(keptContacts);
        assertThat(rows("SELECT subject, body FROM contact WHERE product = ? AND external_id = 'bob-0'", p))
                .containsExactly(List.of("Sync broken", "since 2.0"));
        as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alertId.toString()).then().statusCode(200)
                .body("sampleContacts.externalId", equalTo(List.of("ada-0", "bob-0")))
                .body("sampleContacts.subject", equalTo(java.util.Arrays.asList(null, "Sync broken")));

        // Never mailed again: the pending delivery is cancelled, Bob's still goes.
        mailbox.clear();
        worker.deliverDue();
        assertThat(mailbox.getMailsSentTo(bobMail)).hasSize(1);
        assertThat(mailbox.getMailsSentTo(adaMail)).isEmpty();
        as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", notice).then().statusCode(200)
                .body("status", equalTo("SENT")).body("deliveries.sent", equalTo(1))
                .body("deliveries.pending", equalTo(0));

        // Re-sent data: the contact is still a duplicate and its text is not stored again; the feed cannot bring
        // the customer back.
        as(Roles.INGEST).body(contacts.get(0)).post("/api/v1/contacts").then().statusCode(200)
                .body("duplicate", equalTo(true));
        as(Roles.INGEST).body(List.of(customer(ada, adaName, adaMail))).post("/api/v1/customers/batch")
                .then().statusCode(200).body("upserted", equalTo(0)).body("rejected[0].index", equalTo(0))
                .body("rejected[0].error", org.hamcrest.Matchers.containsString("erased"));
        assertThat(tablesHolding(personal)).isEmpty();

        as(Roles.ADMIN).delete("/api/v1/customers/{id}", ada).then().statusCode(204);
        as(Roles.ADMIN).delete("/api/v1/customers/{id}", p + "-nobody").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(404));
    }

    /** "table.column" of every text or JSON column in the database that contains one of the strings. */
    private List<String> tablesHolding(List<String> needles) {
        List<String> found = new ArrayList<>();
        for (List<Object> col : rows("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb')"
                + " ORDER BY 1, 2")) {
            String where = String.join(" OR ", needles.stream().map(n -> "strpos(\"" + col.get(1)
                    + "\"::text, ?) > 0").toList());
            if (Db.count(ds, "SELECT count(*) FROM \"" + col.get(0) + "\" WHERE " + where,
                    needles.toArray()) > 0) {
                found.add(col.get(0) + "." + col.get(1));
            }
        }
        return found;
    }

    private List<List<Object>> rows(String sql, Object... args) {
        return Db.rows(ds, sql, args);
    }

    private static String health(String product, Instant asOf) {
        return as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "2.0").then().statusCode(200)
                .extract().asString();
    }

    private static Map<String, Object> customer(String id, String name, String email) {
        return Map.of("id", id, "name", name, "email", email, "locale", "en-GB", "optedOut", false);
    }

    private static Map<String, Object> install(String customer, String product, String version, Instant at) {
        return Map.of("customerId", customer, "product", product, "version", version, "installedAt", at.toString());
    }

    private static Map<String, Object> contactSync(String product, String id, String customer, Instant at,
            String subject, String body) {
        Map<String, Object> c = Contacts.unversioned(product, id, customer, at, "Sync", subject, body);
        c.put("channel", "email");
        return c;
    }
}

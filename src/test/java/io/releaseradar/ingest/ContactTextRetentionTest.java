package io.releaseradar.ingest;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Retention (default 180 days): contacts received before it lose subject and body (and the hashes of their phrases),
 * newer ones keep them; the rollups and so a version's health stay exactly as they were; a second purge changes
 * nothing; purged contacts are not quoted as samples, and alerts drop their quotes of them; two replicas purging at
 * once purge each contact once.
 */
@QuarkusTest
class ContactTextRetentionTest {

    @Inject
    ContactTextRetention retention;

    @Inject
    ContactSamples samples;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AlertTestSupport alerts;

    @Test
    void oldContactsLoseTheirTextWhileCountsRollupsAndHealthStay() {
        String product = Api.uniqueProduct();
        // a period of its own: the purge as of `now` below reaches only contacts of this test and older periods
        Instant t0 = Instant.parse("2060-01-01T00:00:00Z")
                .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        Instant recent = t0.plus(Duration.ofDays(200));
        Instant now = recent.plus(Duration.ofDays(1));
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", t0.toString()))
                .put("/api/v1/products/{p}/releases/1.0.0", product).then().statusCode(201);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(Contacts.contact(product, "old-" + i, t0.plus(Duration.ofHours(2 + i)).toString()));
            batch.add(Contacts.contact(product, "new-" + i, recent.plus(Duration.ofMinutes(5 * i)).toString()));
        }
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200);

        Instant healthAsOf = t0.plus(Duration.ofDays(1));
        String healthBefore = health(product, healthAsOf);
        List<List<Object>> rollupsBefore = rollups(product);
        assertThat(samples.find(product, "1.0.0", "category:sync-issues", t0, healthAsOf, 5)).hasSize(5);

        long purged = retention.purge(now);

        assertThat(purged).isGreaterThanOrEqualTo(12);
        assertThat(Db.rows(dataSource, """
                SELECT external_id, subject, body, category, customer_id, version, symptom_hashes FROM contact
                 WHERE source = ? AND external_id LIKE 'old-%'""", "hd-" + product))
                .hasSize(12).allSatisfy(r -> {
                    assertThat(r.get(1)).as("subject").isNull();
                    assertThat(r.get(2)).as("body").isNull();
                    assertThat(r.get(6)).as("the hashes of its phrases").isNull();
                    assertThat(r.subList(3, 6)).as("the rest stays").doesNotContainNull();
                });
        assertThat(Db.count(dataSource, "SELECT count(*) FROM contact WHERE source = ? AND external_id LIKE 'new-%'"
                + " AND symptom_hashes IS NOT NULL", "hd-" + product)).as("newer: hashes kept").isEqualTo(12);
        assertThat(Db.count(dataSource, """
                SELECT count(*) FROM contact WHERE source = ? AND external_id LIKE 'new-%'
                   AND subject = 'Notes vanished' AND body = 'after the update my notes are gone'""",
                "hd-" + product)).as("newer than the retention: text kept").isEqualTo(12);
        assertThat(rollups(product)).as("rollups untouched").isEqualTo(rollupsBefore);
        assertThat(health(product, healthAsOf)).as("health as of a purged period").isEqualTo(healthBefore);
        assertThat(samples.find(product, "1.0.0", "category:sync-issues", t0, healthAsOf, 5))
                .as("nothing left to quote").isEmpty();
        assertThat(samples.find(product, "1.0.0", "category:sync-issues", recent, now, 5)).hasSize(5)
                .allSatisfy(s -> assertThat(s.subject()).isEqualTo("Notes vanished"));

        assertThat(retention.purge(now)).as("a second purge finds nothing").isZero();
    }

    @Test
    void alertsAndTheirMessagesDropQuotesOfContactsOlderThanTheRetention() {
        String product = Api.uniqueProduct();
        Instant now = Instant.parse("2061-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current()
                .nextInt(3000)));
        Instant old = now.minus(Duration.ofDays(181));
        Instant recent = now.minus(Duration.ofDays(2));
        // a subscription, so that the alert outbox holds a message quoting the samples too
        as(Roles.SUPPORT_LEAD).body(Map.of("product", product, "minSeverity", "LOW", "email", "lead@radar.example"))
                .put("/api/v1/subscriptions/{id}", product).then().statusCode(201);
        String id = alerts.apply(product, now, List.of(AlertTestSupport.finding(product, "2.0", Severity.HIGH, 9.0)),
                f -> List.of(new AlertView.SampleContact("hd", product + "-old", old, "Old words"),
                        new AlertView.SampleContact("hd", product + "-new", recent, "New words")))
                .opened().get(0).id().toString();
        assertThat(quoted("SELECT sample_contacts::text FROM alert WHERE id = ?::uuid", id)).contains("Old words");
        assertThat(quoted("SELECT string_agg(payload, '') FROM alert_outbox WHERE alert_id = ?::uuid", id))
                .contains("Old words", "New words");

        retention.purge(now);

        as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", id).then().statusCode(200)
                .body("sampleContacts.externalId", org.hamcrest.Matchers.equalTo(
                        List.of(product + "-old", product + "-new")))
                .body("sampleContacts.subject", org.hamcrest.Matchers.equalTo(
                        java.util.Arrays.asList(null, "New words")));
        assertThat(quoted("SELECT string_agg(payload, '') FROM alert_outbox WHERE alert_id = ?::uuid", id))
                .doesNotContain("Old words").contains("New words");
        String after = quoted("SELECT sample_contacts::text FROM alert WHERE id = ?::uuid", id);
        retention.purge(now);
        assertThat(quoted("SELECT sample_contacts::text FROM alert WHERE id = ?::uuid", id))
                .as("a second purge changes nothing").isEqualTo(after);
    }

    private String quoted(String sql, String id) {
        return String.valueOf(Db.rows(dataSource, sql, id).get(0).get(0));
    }

    @Test
    void twoReplicasPurgingAtOnceSplitTheWorkAndPurgeEachContactOnce() throws Exception {
        String product = Api.uniqueProduct();
        Instant t0 = Instant.parse("2060-01-01T00:00:00Z")
                .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            batch.add(Contacts.contact(product, "old-" + i, t0.plus(Duration.ofSeconds(i)).toString()));
        }
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200);
        Instant now = t0.plus(Duration.ofDays(181));
        String withText = """
                SELECT count(*) FROM contact WHERE received_at < ? AND (subject IS NOT NULL OR body IS NOT NULL)""";
        Timestamp cutoff = Timestamp.from(now.minus(Duration.ofDays(180)));
        long toPurge = Db.count(dataSource, withText, cutoff);
        assertThat(toPurge).isGreaterThanOrEqualTo(1200);

        CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> retention.purge(now));
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> retention.purge(now));

        assertThat(a.get() + b.get()).as("each contact purged once, none left out").isEqualTo(toPurge);
        assertThat(Db.count(dataSource, withText, cutoff)).isZero();
    }

    @Test
    void offOrZeroKeepsTextForeverAndDurationsParseAsInQuarkus() {
        assertThat(ContactTextRetention.parse("off")).isNull();
        assertThat(ContactTextRetention.parse("0")).isNull();
        assertThat(ContactTextRetention.parse("0d")).isNull();
        assertThat(ContactTextRetention.parse("180d")).isEqualTo(Duration.ofDays(180));
        assertThat(ContactTextRetention.parse("P30D")).isEqualTo(Duration.ofDays(30));
    }

    private static String health(String product, Instant asOf) {
        return as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/1.0.0/health", product).then().statusCode(200).extract()
                .asString();
    }

    private List<List<Object>> rollups(String product) {
        return Db.rows(dataSource, """
                SELECT version, symptom, hour, contacts, customers FROM hourly_rollup WHERE product = ?
                 ORDER BY version, symptom, hour""", product);
    }
}

package io.releaseradar.ingest;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import static io.releaseradar.testsupport.Contacts.contact;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactIngestTest {

    @Inject
    AgroalDataSource ds;

    private long stored(String product) {
        return Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product);
    }

    @Test
    void aContactIsStoredOnceAndASecondPostIsADuplicate() {
        String product = uniqueProduct();
        Map<String, Object> c = contact(product, "e1", "2026-03-01T14:10:00Z");
        as(Roles.INGEST).body(c).post("/api/v1/contacts").then().statusCode(201)
                .body("duplicate", equalTo(false)).body("version", equalTo("1.0.0"));
        c.put("subject", "changed on resend");
        as(Roles.INGEST).body(c).post("/api/v1/contacts").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("version", equalTo("1.0.0"));
        assertEquals(1, stored(product));
        assertEquals("Notes vanished", Db.rows(ds, "SELECT subject FROM contact WHERE product = ?", product)
                .get(0).get(0));
    }

    @Test
    void aMissingVersionIsResolvedFromTheInstallationAtReceivedAt() {
        String product = uniqueProduct();
        as(Roles.INGEST).body(List.of(
                Map.of("customerId", "alice", "product", product, "version", "1.0", "installedAt", "2026-03-01T00:00:00Z"),
                Map.of("customerId", "alice", "product", product, "version", "2.0", "installedAt", "2026-03-05T00:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(2));

        Map<String, Object> before = contact(product, "r1", "2026-03-04T23:59:59Z");
        before.put("customerId", "alice");
        before.put("version", null);
        Map<String, Object> after = contact(product, "r2", "2026-03-05T00:00:00Z");
        after.put("customerId", "alice");
        after.put("version", null);
        Map<String, Object> tooEarly = contact(product, "r3", "2026-02-01T00:00:00Z");
        tooEarly.put("customerId", "alice");
        tooEarly.put("version", null);

        as(Roles.INGEST).body(before).post("/api/v1/contacts").then().statusCode(201).body("version", equalTo("1.0"));
        as(Roles.INGEST).body(after).post("/api/v1/contacts").then().statusCode(201).body("version", equalTo("2.0"));
        as(Roles.INGEST).body(tooEarly).post("/api/v1/contacts").then().statusCode(201)
                .body("version", nullValue());
        assertEquals(List.of(List.of("r1", "1.0", "INSTALLATION"), List.of("r2", "2.0", "INSTALLATION"),
                        java.util.Arrays.asList("r3", null, "UNRESOLVED")),
                Db.rows(ds, "SELECT external_id, version, version_origin FROM contact WHERE product = ? "
                        + "ORDER BY external_id", product));
    }

    @Test
    void aBatchStoresTheValidItemsAndNamesTheRejectedOnes() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(contact(product, "b0", "2026-03-01T14:00:00Z"));
        Map<String, Object> noZone = contact(product, "b1", "2026-03-01T14:00:00");
        batch.add(noZone);
        batch.add(contact(product, "b2", "2026-03-01T14:30:00Z"));
        Map<String, Object> badChannel = contact(product, "b3", "2026-03-01T14:00:00Z");
        badChannel.put("channel", "fax");
        batch.add(badChannel);
        Map<String, Object> hugeBody = contact(product, "b4", "2026-03-01T14:00:00Z");
        hugeBody.put("body", "x".repeat(70 * 1024));
        batch.add(hugeBody);
        Map<String, Object> emptyId = contact(product, "", "2026-03-01T14:00:00Z");
        batch.add(emptyId);
        batch.add(contact(product, "b0", "2026-03-01T14:00:00Z")); // repeated within the batch

        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1))
                .body("rejected", hasSize(4))
                .body("rejected[0].index", equalTo(1)).body("rejected[0].error", containsString("receivedAt"))
                .body("rejected[1].index", equalTo(3)).body("rejected[1].error", containsString("channel"))
                .body("rejected[2].index", equalTo(4)).body("rejected[2].error", containsString("body"))
                .body("rejected[3].index", equalTo(5)).body("rejected[3].error", containsString("externalId"));
        assertEquals(2, stored(product));

        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(2, stored(product));
    }

    @Test
    void rollupsCountContactsAndDistinctCustomersPerHourAndSymptom() {
        String product = uniqueProduct();
        Map<String, Object> a1 = contact(product, "h1", "2026-03-01T14:05:00Z");
        Map<String, Object> a2 = contact(product, "h2", "2026-03-01T14:55:00Z");
        a2.put("customerId", a1.get("customerId")); // same customer calls twice in the hour
        a2.put("channel", "chat");
        Map<String, Object> b = contact(product, "h3", "2026-03-01T15:01:00Z");
        b.put("category", null);
        as(Roles.INGEST).body(List.of(a1, a2, b)).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(3));
        // Re-sending must not count anything twice.
        as(Roles.INGEST).body(List.of(a1, a2, b)).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("duplicates", equalTo(3));

        List<List<Object>> rollups = Db.rows(ds, "SELECT symptom, to_char(hour AT TIME ZONE 'UTC', 'HH24'), "
                + "contacts, customers FROM hourly_rollup WHERE product = ? AND (symptom = '' OR symptom LIKE 'category:%') "
                + "ORDER BY 2, 1", product);
        assertEquals(List.of(
                List.of("", "14", 2, 1),
                List.of("category:sync-issues", "14", 2, 1),
                List.of("", "15", 1, 1)), rollups);
    }

    @Test
    void theSameBatchPostedTwiceConcurrentlyIsStoredOnce() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = IntStream.range(0, 2_000)
                .mapToObj(i -> contact(product, "c" + i, "2026-03-01T1" + (i % 10) + ":00:00Z")).toList();
        List<CompletableFuture<int[]>> posts = IntStream.range(0, 2).mapToObj(n -> CompletableFuture.supplyAsync(() -> {
            var r = as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200).extract();
            return new int[] {r.path("accepted"), r.path("duplicates")};
        })).toList();
        int accepted = posts.stream().mapToInt(f -> f.join()[0]).sum();
        int duplicates = posts.stream().mapToInt(f -> f.join()[1]).sum();
        assertEquals(2_000, accepted);
        assertEquals(2_000, duplicates);
        assertEquals(2_000, stored(product));
        assertEquals(2_000, Db.count(ds, "SELECT sum(contacts) FROM hourly_rollup WHERE product = ? AND symptom = ''",
                product));
    }
}

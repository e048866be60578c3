package io.releaseradar.installbase;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InstallBaseTest {

    @Inject
    AgroalDataSource ds;

    private static Map<String, Object> install(String customer, String product, String version, String at) {
        return Map.of("customerId", customer, "product", product, "version", version, "installedAt", at);
    }

    private List<List<Object>> history(String product) {
        return Db.rows(ds, "SELECT customer_id, version, to_char(installed_at AT TIME ZONE 'UTC', 'MM-DD'), "
                + "to_char(ended_at AT TIME ZONE 'UTC', 'MM-DD') FROM installation WHERE product = ? "
                + "ORDER BY customer_id, installed_at", product);
    }

    @Test
    void installationsFormAHistoryEvenWhenTheyArriveOutOfOrder() {
        String product = uniqueProduct();
        as(Roles.INGEST).body(List.of(install("bob", product, "3.0", "2026-03-10T00:00:00Z"),
                        install("bob", product, "1.0", "2026-03-01T00:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(2));
        // The middle one arrives last: 1.0 must now end when 2.0 begins, and 2.0 when 3.0 begins.
        as(Roles.INGEST).body(List.of(install("bob", product, "2.0", "2026-03-05T00:00:00Z"),
                        install("carol", product, "2.0", "2026-03-06T00:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(2));
        assertEquals(List.of(
                List.of("bob", "1.0", "03-01", "03-05"),
                List.of("bob", "2.0", "03-05", "03-10"),
                Arrays.asList("bob", "3.0", "03-10", null),
                Arrays.asList("carol", "2.0", "03-06", null)), history(product));
        // Who runs 2.0 on 03-07 is one indexed query on (product, version, installed_at) + ended_at.
        assertEquals(2, Db.count(ds, "SELECT count(*) FROM installation WHERE product = ? AND version = '2.0' "
                + "AND installed_at <= '2026-03-07T00:00:00Z' AND (ended_at IS NULL OR ended_at > '2026-03-07T00:00:00Z')",
                product));
    }

    @Test
    void resendingIsIdempotentAndAContradictionIsRejected() {
        String product = uniqueProduct();
        var rows = List.of(install("dan", product, "1.0", "2026-03-01T00:00:00Z"),
                install("dan", product, "1.1", "2026-03-02T00:00:00Z"));
        as(Roles.INGEST).body(rows).post("/api/v1/installations/batch").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0));
        as(Roles.INGEST).body(List.of(rows.get(1), install("dan", product, "9.9", "2026-03-01T00:00:00Z"),
                        Map.of("customerId", "dan", "product", product, "version", "1.2")))
                .post("/api/v1/installations/batch").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1)).body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(1)).body("rejected[0].error", containsString("already has"))
                .body("rejected[1].index", equalTo(2)).body("rejected[1].error", containsString("installedAt is required"));
        assertEquals(List.of(List.of("dan", "1.0", "03-01", "03-02"), Arrays.asList("dan", "1.1", "03-02", null)),
                history(product));
    }

    @Test
    void customersAreUpsertedByIdAndInvalidOnesRejected() {
        String id = "cust-" + UUID.randomUUID();
        as(Roles.INGEST).body(List.of(
                        Map.of("id", id, "name", "Ada", "email", "ada@example.com", "locale", "en-GB", "optedOut", false),
                        Map.of("id", id + "-x", "email", "not-an-address"),
                        Map.of("id", id + "-y", "email", "y@example.com", "optedOut", "yes")))
                .post("/api/v1/customers/batch").then().statusCode(200)
                .body("upserted", equalTo(1)).body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(1)).body("rejected[0].error", containsString("email"))
                .body("rejected[1].index", equalTo(2)).body("rejected[1].error", containsString("optedOut"));
        as(Roles.INGEST).body(List.of(Map.of("id", id, "name", "Ada L.", "email", "ada@example.org", "optedOut", true)))
                .post("/api/v1/customers/batch").then().statusCode(200).body("upserted", equalTo(1));
        assertEquals(List.of(Arrays.asList("Ada L.", "ada@example.org", null, true)),
                Db.rows(ds, "SELECT name, email, locale, opted_out FROM customer WHERE id = ?", id));
        assertEquals(0, Db.count(ds, "SELECT count(*) FROM customer WHERE id LIKE ?", id + "-%"));
    }
}

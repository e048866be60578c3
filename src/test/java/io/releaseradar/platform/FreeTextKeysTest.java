package io.releaseradar.platform;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Product keys and versions are free text as the contract defines them: a helpdesk's {@code 2024 R2 (build 7)} is
 * stored as spelled and works URL-encoded in paths; only control characters and a 101st character are a 400.
 */
@QuarkusTest
class FreeTextKeysTest {

    static final String VERSION = "2024 R2 (build 7)";
    /** The version as a path segment, spelled out, so that the test does not depend on the client's encoder. */
    static final String VERSION_PATH = "2024%20R2%20%28build%207%29";

    @Inject
    AgroalDataSource ds;

    @Test
    void aVersionWithSpacesAndParenthesesIsStoredAsSpelledEverywhere() {
        String product = uniqueProduct() + " Suite (EMEA)";
        String productPath = product.replace(" ", "%20").replace("(", "%28").replace(")", "%29");

        as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false).body(Map.of("releasedAt", "2026-03-01T09:00:00Z",
                        "previousVersion", "2024 R1 (build 3)"))
                .put("/api/v1/products/" + productPath + "/releases/" + VERSION_PATH).then().statusCode(201)
                .body("product", equalTo(product)).body("version", equalTo(VERSION))
                .body("previousVersion", equalTo("2024 R1 (build 3)"));
        // the client's own encoding of the path parameters works as well: the same release, updated
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T10:00:00Z"))
                .put("/api/v1/products/{p}/releases/{v}", product, VERSION).then().statusCode(200)
                .body("version", equalTo(VERSION));
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", product).then().statusCode(200)
                .body("version", equalTo(List.of(VERSION)));
        as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false)
                .get("/api/v1/products/" + productPath + "/releases/" + VERSION_PATH + "/health").then()
                .statusCode(200).body("product", equalTo(product)).body("version", equalTo(VERSION));
        as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false).queryParam("asOf", "2026-03-02T00:00:00Z")
                .get("/api/v1/products/" + productPath + "/releases/" + VERSION_PATH + "/health").then()
                .statusCode(200).body("version", equalTo(VERSION));

        String customer = "cust-" + uniqueProduct();
        as(Roles.INGEST).body(List.of(Map.of("id", customer, "email", "ft@example.com"))).post("/api/v1/customers/batch")
                .then().statusCode(200).body("upserted", equalTo(1));
        as(Roles.INGEST).body(List.of(Map.of("customerId", customer, "product", product, "version", VERSION,
                        "installedAt", "2026-03-01T12:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(1))
                .body("rejected", hasSize(0));
        assertThat(Db.rows(ds, "SELECT version FROM installation WHERE product = ?", product))
                .containsExactly(List.of(VERSION));

        Map<String, Object> given = contact(product, "ft-1", customer);
        given.put("version", VERSION);
        as(Roles.INGEST).body(given).post("/api/v1/contacts").then().statusCode(201).body("version", equalTo(VERSION));
        // without a version: the customer's installed one, as spelled
        as(Roles.INGEST).body(contact(product, "ft-2", customer)).post("/api/v1/contacts").then().statusCode(201)
                .body("version", equalTo(VERSION));
        Map<String, Object> inBatch = contact(product, "ft-3", customer);
        inBatch.put("version", VERSION);
        as(Roles.INGEST).body(List.of(inBatch)).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(1));
        assertThat(Db.rows(ds, "SELECT DISTINCT version FROM contact WHERE product = ?", product))
                .containsExactly(List.of(VERSION));

        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "version", VERSION, "audience", "INSTALLED",
                "subject", "About {version}", "body", "Dear {name}, please wait.")).post("/api/v1/notices").then()
                .statusCode(201).body("audienceSize", equalTo(1));
        as(Roles.RELEASE_MANAGER).queryParam("product", product).queryParam("version", VERSION)
                .get("/api/v1/notices").then().statusCode(200).body("version", equalTo(List.of(VERSION)));
    }

    @Test
    void aControlCharacterOrA101stCharacterIsA400AndStoresNothing() {
        String product = uniqueProduct();
        String longVersion = "v".repeat(101);
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/{v}", product, "v".repeat(100)).then().statusCode(201);

        for (String path : List.of("2024%0AR2", "2024%07R2", "2024%09R2", "2024%7FR2", "2024%C2%85R2", longVersion)) {
            problem(as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false).body(Map.of("releasedAt",
                    "2026-03-01T09:00:00Z")).put("/api/v1/products/" + product + "/releases/" + path).then())
                    .body("errors.field", hasItem("version"));
            problem(as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false)
                    .get("/api/v1/products/" + product + "/releases/" + path + "/health").then())
                    .body("errors.field", hasItem("version"));
        }
        problem(as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/" + product + "%0D/releases/1.0").then()).body("errors.field", hasItem("product"));
        assertThat(Db.count(ds, "SELECT count(*) FROM release WHERE product LIKE ?", product + "%")).isEqualTo(1);

        for (String bad : List.of("2024\nR2", "2024\u0000R2", longVersion)) {
            Map<String, Object> c = contact(product, "bad-" + bad.length(), "c-1");
            c.put("version", bad);
            problem(as(Roles.INGEST).body(c).post("/api/v1/contacts").then()).body("errors.field", hasItem("version"));
            as(Roles.INGEST).body(List.of(Map.of("customerId", "c-1", "product", product, "version", bad,
                            "installedAt", "2026-03-01T12:00:00Z")))
                    .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(0))
                    .body("rejected[0].index", equalTo(0));
        }
        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product)).isZero();
        assertThat(Db.count(ds, "SELECT count(*) FROM installation WHERE product = ?", product)).isZero();
    }

    private static Map<String, Object> contact(String product, String externalId, String customer) {
        Map<String, Object> c = Contacts.contact(product, externalId, "2026-03-02T10:00:00Z");
        c.put("source", "zendesk");
        c.put("externalId", externalId + "-" + product);
        c.put("customerId", customer);
        c.put("version", null);
        return c;
    }

    private static ValidatableResponse problem(ValidatableResponse response) {
        return response.statusCode(400).contentType(Problem.MEDIA_TYPE).body("status", equalTo(400));
    }
}

package io.releaseradar.platform;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx problem+json and stores nothing. */
@QuarkusTest
class BadInputTest {

    @Inject
    AgroalDataSource ds;

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", not(equalTo(null))).body("detail", not(equalTo(null)))
                .body(not(containsString("Exception"))).body(not(containsString("at io.")));
    }

    private long stored(String product) {
        return Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product);
    }

    @Test
    void aBatchThatIsNotAnArrayIsRefused() {
        String product = uniqueProduct();
        problem(as(Roles.INGEST).body(Contacts.contact(product, "x", "2026-03-01T00:00:00Z"))
                .post("/api/v1/contacts/batch").then(), 400).body("detail", containsString("JSON array"));
        assertEquals(0, stored(product));
    }

    @Test
    void aBatchOf10001ItemsIsRefusedWhole() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = Collections.nCopies(10_001,
                Contacts.contact(product, "same", "2026-03-01T00:00:00Z"));
        problem(as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then(), 400)
                .body("detail", containsString("at most 10000"));
        problem(as(Roles.INGEST).body(batch).post("/api/v1/installations/batch").then(), 400);
        problem(as(Roles.INGEST).body(batch).post("/api/v1/customers/batch").then(), 400);
        assertEquals(0, stored(product));
    }

    @Test
    void malformedJsonIsA400() {
        problem(as(Roles.INGEST).body("[{\"source\": \"zendesk\",").post("/api/v1/contacts/batch").then(), 400)
                .body("type", containsString("malformed"));
        problem(as(Roles.INGEST).body("{not json").post("/api/v1/contacts").then(), 400);
        problem(as(Roles.RELEASE_MANAGER).body("{\"releasedAt\": ").put("/api/v1/products/p/releases/1.0").then(),
                400);
    }

    @Test
    void anOversizedRequestIsA413AndStoresNothing() {
        String product = uniqueProduct();
        // 40 MiB: over radar.http.max-request-bytes (32 MiB), under Vert.x' own limit.
        String text = "y".repeat(60 * 1024);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 700; i++) {
            body.append(i == 0 ? "" : ",").append("{\"source\":\"s\",\"externalId\":\"").append(i)
                    .append("\",\"receivedAt\":\"2026-03-01T00:00:00Z\",\"channel\":\"web\",\"product\":\"")
                    .append(product).append("\",\"body\":\"").append(text).append("\"}");
        }
        body.append(']');
        problem(as(Roles.INGEST).body(body.toString()).post("/api/v1/contacts/batch").then(), 413)
                .body("type", containsString("too-large"));
        assertEquals(0, stored(product));
    }

    @Test
    void aSingleContactWithInvalidFieldsListsThem() {
        String product = uniqueProduct();
        Map<String, Object> c = Contacts.contact(product, "", "2026-03-01T14:00:00");
        c.put("channel", "fax");
        c.put("body", "z".repeat(70 * 1024));
        problem(as(Roles.INGEST).body(c).post("/api/v1/contacts").then(), 400)
                .body("errors.field", hasItem("externalId"))
                .body("errors.field", hasItem("receivedAt"))
                .body("errors.field", hasItem("channel"))
                .body("errors.field", hasItem("body"));
        Map<String, Object> controlled = Contacts.contact(product + "\r\nX-Injected: 1", "e", "2026-03-01T14:00:00Z");
        problem(as(Roles.INGEST).body(controlled).post("/api/v1/contacts").then(), 400)
                .body("errors.field", hasItem("product"));
        assertEquals(0, stored(product));
    }

    @Test
    void wrongTypesAndBadPathKeysInReleasesAre400s() {
        problem(as(Roles.RELEASE_MANAGER).body("{\"releasedAt\": \"2026-03-01T00:00:00\"}")
                .put("/api/v1/products/notes/releases/1.0").then(), 400);
        problem(as(Roles.RELEASE_MANAGER).body("{\"releasedAt\": 17}")
                .put("/api/v1/products/notes/releases/1.0").then(), 400);
        problem(as(Roles.RELEASE_MANAGER).body("{}").put("/api/v1/products/notes/releases/1.0").then(), 400)
                .body("errors.field", hasItem("releasedAt"));
        problem(as(Roles.RELEASE_MANAGER).urlEncodingEnabled(false).body("{\"releasedAt\": \"2026-03-01T00:00:00Z\"}")
                .put("/api/v1/products/no%0Ates/releases/1.0").then(), 400)
                .body("errors.field", hasItem("product"));
    }

    @Test
    void unknownPathsAndWrongMediaTypesAnswerWithAProblemBody() {
        problem(as(Roles.ADMIN).get("/api/v1/nothing-here").then(), 404);
        problem(as(Roles.INGEST).contentType("text/plain").body("hello").post("/api/v1/contacts").then(), 415);
        problem(as(Roles.RELEASE_MANAGER).get("/api/v1/products/" + uniqueProduct() + "/releases").then(), 404)
                .body("detail", containsString("No product"));
    }
}

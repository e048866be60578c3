package io.releaseradar.platform;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Metrics;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health and metrics, without a token. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUpWithTheDatabase() {
        RestAssured.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void countersTellAcceptedDuplicateAndRejectedBySourceAndChannel() {
        String source = "metrics-" + uniqueProduct();
        Map<String, Object> good = Contacts.contact(uniqueProduct(), "m1", "2026-03-01T00:00:00Z");
        good.put("source", source);
        Map<String, Object> bad = Contacts.contact(uniqueProduct(), "m2", "2026-03-01T00:00:00Z");
        bad.put("source", source);
        bad.put("channel", "fax");
        as(Roles.INGEST).body(List.of(good, good, bad)).post("/api/v1/contacts/batch").then().statusCode(200);
        as(Roles.INGEST).body(good).post("/api/v1/contacts").then().statusCode(200);

        assertEquals(1.0, Metrics.contacts("accepted", source, "rest"));
        assertEquals(2.0, Metrics.contacts("duplicate", source, "rest"));
        assertEquals(1.0, Metrics.contacts("rejected", source, "rest"));
    }
}

package io.releaseradar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemTypes;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.Db;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The per-client rate limit on ingestion, counted in items: past its burst a client gets 429 problem+json with
 * Retry-After and nothing is stored, while another client is not held back. The refill is slow (one call per 100 s), so no token comes back
 * while the test runs.
 */
@QuarkusTest
@TestProfile(IngestRateLimitTest.Profile.class)
class IngestRateLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("radar.ingest.rate-limit.per-second", "0.01", "radar.ingest.rate-limit.burst", "3");
        }
    }

    @Inject
    AgroalDataSource ds;

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndNothingIsStored() {
        String product = Api.uniqueProduct();
        RequestSpecification first = client("helpdesk-a-" + product);
        for (int i = 0; i < 3; i++) {
            first.body(Contacts.contact(product, "ok-" + i, "2026-03-01T10:00:00Z")).post("/api/v1/contacts")
                    .then().statusCode(201);
        }
        first.body(Contacts.contact(product, "over", "2026-03-01T10:00:00Z")).post("/api/v1/contacts").then()
                .statusCode(429).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(0), lessThanOrEqualTo(100)))
                .body("type", equalTo(ProblemTypes.RATE_LIMITED)).body("status", equalTo(429));
        first.body(List.of(Contacts.contact(product, "over-batch", "2026-03-01T10:00:00Z")))
                .post("/api/v1/contacts/batch").then().statusCode(429);
        first.body(List.of(Map.of("id", product + "-c", "email", "c@example.com")))
                .post("/api/v1/customers/batch").then().statusCode(429);
        first.body(List.of(Map.of("customerId", product + "-c", "product", product, "version", "1.0",
                "installedAt", "2026-03-01T10:00:00Z"))).post("/api/v1/installations/batch").then().statusCode(429);

        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product)).isEqualTo(3);
        assertThat(Db.count(ds, "SELECT count(*) FROM customer WHERE id = ?", product + "-c")).isZero();
        assertThat(Db.count(ds, "SELECT count(*) FROM installation WHERE product = ?", product)).isZero();

        // Per client: another integration still has its whole allowance.
        client("helpdesk-b-" + product).body(Contacts.contact(product, "other-client", "2026-03-01T10:00:00Z"))
                .post("/api/v1/contacts").then().statusCode(201);
        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product)).isEqualTo(4);
    }

    @Test
    void aBatchTakesOneTokenPerItemAndOneTheBucketCannotCoverIsRefusedWhole() {
        String product = Api.uniqueProduct();
        RequestSpecification c = client("helpdesk-c-" + product);
        c.body(List.of(contact(product, "a1"), contact(product, "a2"))).post("/api/v1/contacts/batch").then()
                .statusCode(200).body("accepted", equalTo(2));
        // one token left: a batch of two is refused, none of it stored
        c.body(List.of(contact(product, "b1"), contact(product, "b2"))).post("/api/v1/contacts/batch").then()
                .statusCode(429).contentType(Problem.MEDIA_TYPE).body("type", equalTo(ProblemTypes.RATE_LIMITED));
        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product)).isEqualTo(2);
        c.body(List.of(Map.of("id", product + "-c1", "email", "c1@example.com"))).post("/api/v1/customers/batch")
                .then().statusCode(200).body("upserted", equalTo(1));
        c.body(contact(product, "c1")).post("/api/v1/contacts").then().statusCode(429);
        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product)).isEqualTo(2);

        // a batch larger than the burst (3) passes from a full bucket, and the client then waits out its debt:
        // 5 taken from 3 leaves -2, so one token is 3 tokens away, 300 s at 0.01 per second
        RequestSpecification d = client("helpdesk-d-" + product);
        d.body(List.of(Map.of("customerId", product + "-c1", "product", product, "version", "1.0", "installedAt",
                        "2026-03-01T10:00:00Z"), Map.of("customerId", product + "-c1", "product", product, "version",
                        "1.1", "installedAt", "2026-03-02T10:00:00Z"), Map.of("customerId", product + "-c1",
                        "product", product, "version", "1.2", "installedAt", "2026-03-03T10:00:00Z"),
                Map.of("customerId", product + "-c1", "product", product, "version", "1.3", "installedAt",
                        "2026-03-04T10:00:00Z"), Map.of("customerId", product + "-c1", "product", product,
                        "version", "1.4", "installedAt", "2026-03-05T10:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(5));
        d.body(contact(product, "d1")).post("/api/v1/contacts").then().statusCode(429)
                .header("Retry-After", Integer::parseInt, allOf(greaterThan(290), lessThanOrEqualTo(300)));
        assertThat(Db.count(ds, "SELECT count(*) FROM installation WHERE product = ?", product)).isEqualTo(5);
        assertThat(Db.count(ds, "SELECT count(*) FROM contact WHERE product = ?", product)).isEqualTo(2);
    }

    private static Map<String, Object> contact(String product, String externalId) {
        return Contacts.contact(product, externalId, "2026-03-01T10:00:00Z");
    }

    private static RequestSpecification client(String upn) {
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        String token = Jwt.issuer(issuer).audience(io.releaseradar.testsupport.Api.audience()).upn(upn).groups(Set.of(Roles.INGEST)).expiresIn(Duration.ofMinutes(5))
                .sign();
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}

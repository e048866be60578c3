package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Api;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × {no token, bad token, expired, other issuer, no audience, another audience, the dashboard's session
 * cookie alone, wrong role, right role, admin}.
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final String PRODUCT = "security-matrix";
    private static final String CONTACT = """
            {"source":"sec","externalId":"sec-1","receivedAt":"2026-03-01T00:00:00Z","channel":"web",
             "product":"security-matrix"}""";

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser parser;

    /** @param ok what the right role gets: success, or 404 for an id nobody created (it got past security) */
    record Endpoint(String method, String path, String body, String role, String wrongRole, List<Integer> ok) {
        Endpoint(String method, String path, String body, String role, String wrongRole) {
            this(method, path, body, role, wrongRole, List.of(200, 201, 204));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> endpoints() {
        String release = "/api/v1/products/" + PRODUCT + "/releases";
        String alert = "/api/v1/alerts/" + UUID.randomUUID();
        List<Integer> missing = List.of(404);
        String notice = "/api/v1/notices/" + UUID.randomUUID();
        String policy = "{\"autoSend\":false,\"minSeverity\":\"CRITICAL\",\"audience\":\"ALL\",\"subject\":"
                + "\"s\",\"body\":\"b\"}";
        return Stream.of(
                new Endpoint("PUT", release + "/1.0", "{\"releasedAt\":\"2026-03-01T00:00:00Z\"}",
                        Roles.RELEASE_MANAGER, Roles.INGEST),
                new Endpoint("GET", release, null, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD),
                new Endpoint("POST", "/api/v1/customers/batch", "[]", Roles.INGEST, Roles.RELEASE_MANAGER),
                new Endpoint("POST", "/api/v1/installations/batch", "[]", Roles.INGEST, Roles.SUPPORT_LEAD),
                new Endpoint("DELETE", "/api/v1/customers/security-matrix-nobody", null, Roles.ADMIN, Roles.INGEST,
                        missing),
                new Endpoint("POST", "/api/v1/contacts", CONTACT, Roles.INGEST, Roles.RELEASE_MANAGER),
                new Endpoint("POST", "/api/v1/contacts/batch", "[]", Roles.INGEST, Roles.SUPPORT_LEAD),
                new Endpoint("GET", release + "/1.0/health", null, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD),
                new Endpoint("POST", "/api/v1/detection/evaluate", "{\"asOf\":\"2001-01-01T00:00:00Z\"}",
                        Roles.ADMIN, Roles.RELEASE_MANAGER),
                new Endpoint("POST", "/api/v1/backtests", "{\"product\":\"" + PRODUCT + "\",\"from\":"
                        + "\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-01T02:00:00Z\",\"step\":\"PT1H\"}",
                        Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD),
                new Endpoint("GET", "/api/v1/alerts", null, Roles.SUPPORT_LEAD, Roles.INGEST),
                new Endpoint("GET", alert, null, Roles.SUPPORT_LEAD, Roles.RELEASE_MANAGER, missing),
                new Endpoint("POST", alert + "/acknowledge", "{}", Roles.SUPPORT_LEAD, Roles.INGEST, missing),
                new Endpoint("POST", alert + "/resolve", "{}", Roles.SUPPORT_LEAD, Roles.RELEASE_MANAGER, missing),
                new Endpoint("POST", alert + "/dismiss", "{\"reason\":\"noise\"}", Roles.SUPPORT_LEAD,
                        Roles.INGEST, missing),
                new Endpoint("PUT", "/api/v1/subscriptions/security-matrix", "{\"product\":\"" + PRODUCT
                        + "\",\"minSeverity\":\"HIGH\",\"email\":\"lead@example.org\"}", Roles.SUPPORT_LEAD, Roles.RELEASE_MANAGER),
                new Endpoint("GET", "/api/v1/subscriptions", null, Roles.SUPPORT_LEAD, Roles.INGEST),
                new Endpoint("DELETE", "/api/v1/subscriptions/security-matrix-none", null, Roles.SUPPORT_LEAD,
                        Roles.RELEASE_MANAGER, missing),
                new Endpoint("POST", "/api/v1/notices", "{\"product\":\"" + PRODUCT + "\",\"version\":\"1.0\","
                        + "\"audience\":\"ALL\",\"subject\":\"s\",\"body\":\"b\"}", Roles.RELEASE_MANAGER,
                        Roles.SUPPORT_LEAD),
                new Endpoint("GET", "/api/v1/notices", null, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD),
                new Endpoint("GET", notice, null, Roles.RELEASE_MANAGER, Roles.INGEST, missing),
                new Endpoint("POST", notice + "/approve", null, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD, missing),
                new Endpoint("POST", notice + "/cancel", null, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD, missing),
                new Endpoint("GET", notice + "/preview", null, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD, missing),
                new Endpoint("GET", notice + "/contacts-avoided", null, Roles.RELEASE_MANAGER, Roles.INGEST,
                        missing),
                new Endpoint("PUT", "/api/v1/products/" + PRODUCT + "/notice-policy", policy, Roles.RELEASE_MANAGER,
                        Roles.SUPPORT_LEAD),
                new Endpoint("GET", "/api/v1/products/" + PRODUCT + "/notice-policy", null, Roles.RELEASE_MANAGER,
                        Roles.SUPPORT_LEAD))
                .map(Arguments::of);
    }

    private static io.restassured.response.Response call(RequestSpecification spec, Endpoint e) {
        if (e.body() != null) {
            spec = spec.contentType(ContentType.JSON).body(e.body());
        }
        return spec.request(e.method(), e.path());
    }

    private static RequestSpecification bearer(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void onlyTheRightRolesGetIn(Endpoint e) {
        // The release the GET reads must exist; the PUT row of this matrix creates it too, in any order.
        Api.as(Roles.ADMIN).body("{\"releasedAt\":\"2026-03-01T00:00:00Z\"}")
                .put("/api/v1/products/" + PRODUCT + "/releases/1.0").then().statusCode(anyOf(equalTo(200), equalTo(201)));

        call(RestAssured.given(), e).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer");
        call(bearer("not-a-jwt"), e).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        String expired = Jwt.issuer(issuer()).audience(Api.audience()).groups(Set.of(Roles.ADMIN))
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
        call(bearer(expired), e).then().statusCode(401);
        String otherIssuer = Jwt.issuer("https://elsewhere.example").groups(Set.of(Roles.ADMIN)).sign();
        call(bearer(otherIssuer), e).then().statusCode(401);
        // an ID token the same provider issued to another application, with the same groups: not for this service
        String noAudience = Jwt.issuer(issuer()).upn("elsewhere").groups(Set.of(Roles.ADMIN)).sign();
        call(bearer(noAudience), e).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        String otherAudience = Jwt.issuer(issuer()).audience("wiki").upn("elsewhere").groups(Set.of(Roles.ADMIN))
                .sign();
        call(bearer(otherAudience), e).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        // the dashboard's dev session cookie alone, holding a valid admin token: only the Authorization header counts
        call(RestAssured.given().cookie("radar_session", Api.token(Roles.ADMIN)), e).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);

        call(bearer(Api.token(e.wrongRole())), e).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        call(bearer(Api.token()), e).then().statusCode(403);

        call(bearer(Api.token(e.role())), e).then().statusCode(in(e.ok()));
        call(bearer(Api.token(Roles.ADMIN)), e).then().statusCode(in(e.ok()));
    }

    @org.junit.jupiter.api.Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpiresAndAChangedOneIsVerifiedAgain() throws Exception {
        String path = "/api/v1/products/" + PRODUCT + "/releases";
        Api.as(Roles.ADMIN).body("{\"releasedAt\":\"2026-03-01T00:00:00Z\"}")
                .put(path + "/1.0").then().statusCode(anyOf(equalTo(200), equalTo(201)));
        // long enough for the calls below on a loaded machine; short enough to wait for
        Instant expires = Instant.now().plusSeconds(8);
        String token = Jwt.issuer(issuer()).audience(Api.audience()).upn("short-lived")
                .groups(Set.of(Roles.RELEASE_MANAGER)).expiresAt(expires)
                .sign();
        bearer(token).get(path).then().statusCode(200);
        bearer(token).get(path).then().statusCode(200);
        // remembered: the security layer's parser hands back the token it verified, not a new verification
        assertThat(parser).isInstanceOf(CachingJwtParser.class);
        assertThat(parser.parse(token)).isSameAs(parser.parse(token));

        // the same claims under a changed signature: verified again, and refused
        int last = token.length() - 2;
        String forged = token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.charAt(last + 1);
        bearer(forged).get(path).then().statusCode(401);

        // expiry plus the test profile's 2 s clock skew: the remembered token is refused like any expired one
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(25))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> bearer(token).get(path).statusCode() == 401);
        assertThat(Instant.now()).isAfterOrEqualTo(expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(2));
    }

    @org.junit.jupiter.api.Test
    void aNoticeCannotBeCancelledWithTheSessionCookieAlone() {
        String product = Api.uniqueProduct();
        Api.as(Roles.RELEASE_MANAGER).body("{\"releasedAt\":\"2026-03-01T00:00:00Z\"}")
                .put("/api/v1/products/" + product + "/releases/1.0").then().statusCode(201);
        String id = Api.as(Roles.RELEASE_MANAGER).body("{\"product\":\"" + product + "\",\"version\":\"1.0\","
                + "\"audience\":\"ALL\",\"subject\":\"s\",\"body\":\"b\"}").post("/api/v1/notices").then()
                .statusCode(201).extract().path("id");
        // what a text/plain form on a sibling subdomain would send: the browser's cookie, no Authorization header
        RestAssured.given().cookie("radar_session", Api.token(Roles.ADMIN)).contentType("text/plain").body("x")
                .post("/api/v1/notices/" + id + "/cancel").then().statusCode(401);
        Api.as(Roles.RELEASE_MANAGER).get("/api/v1/notices/" + id).then().statusCode(200)
                .body("status", equalTo("DRAFT"));
    }

    private static org.hamcrest.Matcher<Integer> in(List<Integer> statuses) {
        return org.hamcrest.Matchers.in(statuses);
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
    }
}

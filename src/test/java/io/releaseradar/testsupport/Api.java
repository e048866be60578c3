package io.releaseradar.testsupport;

import io.releaseradar.platform.Roles;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests as a caller with a role, signed with the test key the service trusts in the test profile. */
public final class Api {

    private Api() {
    }

    public static String token(String... roles) {
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        return Jwt.issuer(issuer).audience(audience()).upn("test-user").groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(30)).sign();
    }

    /** The audience the service requires in tokens ({@code mp.jwt.verify.audiences}, the first one). */
    public static String audience() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.audiences", String[].class)[0];
    }

    /** A JSON request with a bearer token carrying the roles. */
    public static RequestSpecification as(String... roles) {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token(roles));
    }

    /**
     * Cancels the product's notices that are not sent yet. Tests that load the demo call it when done: the demo's
     * auto-notice goes to thousands of simulated customers, and every later test that runs the delivery worker
     * would otherwise send them all (the test database is shared by the run's tests).
     */
    public static void cancelUnsentNotices(String product) {
        for (java.util.Map<String, Object> n : as(Roles.RELEASE_MANAGER).queryParam("product", product)
                .get("/api/v1/notices").then().statusCode(200).extract().jsonPath()
                .<java.util.Map<String, Object>>getList("$")) {
            if (!"SENT".equals(n.get("status")) && !"CANCELLED".equals(n.get("status"))) {
                as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/cancel", n.get("id")).then().statusCode(200);
            }
        }
    }

    /** A product key no other test uses. */
    public static String uniqueProduct() {
        return "p-" + UUID.randomUUID().toString().substring(0, 12);
    }
}

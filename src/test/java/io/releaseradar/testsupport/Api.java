package io.releaseradar.testsupport;

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

    /** A product key no other test uses. */
    public static String uniqueProduct() {
        return "p-" + UUID.randomUUID().toString().substring(0, 12);
    }
}

package io.releaseradar.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The production sign-in: the authorization-code flow with PKCE against a real (test) OpenID Connect provider. */
@QuarkusTest
@TestProfile(OidcSignInProfile.class)
class OidcSignInTest {

    private static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " not in " + url);
    }

    @Test
    void theProvidersTokenBecomesTheSessionAndTheUserLandsWhereTheyWereGoing() {
        given().get("/dashboard/sign-in").then().statusCode(200)
                .body(containsString("Sign in with your company account"))
                .body(org.hamcrest.Matchers.not(containsString("Dev sign-in")));
        given().contentType("application/x-www-form-urlencoded").formParam("role", "admin")
                .post("/dashboard/sign-in/dev").then().statusCode(404);

        Response start = given().redirects().follow(false).queryParam("next", "/dashboard/alerts?product=oidc")
                .get("/dashboard/sign-in/oidc");
        assertThat(start.statusCode()).isEqualTo(303);
        String authorize = start.header("Location");
        assertThat(param(authorize, "code_challenge_method")).isEqualTo("S256");
        String pending = start.cookie(OidcSignIn.STATE_COOKIE);

        String callback = given().redirects().follow(false).urlEncodingEnabled(false).get(authorize).then()
                .statusCode(302).extract().header("Location");
        Response done = given().redirects().follow(false).urlEncodingEnabled(false)
                .cookie(OidcSignIn.STATE_COOKIE, pending).get(callback);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).endsWith("/dashboard/alerts?product=oidc");
        String session = done.cookie(DashboardAccess.COOKIE);
        assertThat(session).isNotBlank();

        given().cookie(DashboardAccess.COOKIE, session).get("/dashboard/alerts?product=oidc").then().statusCode(200)
                .body(containsString("idp-user")).body(containsString("support-lead"));
        // the same user's token works for the API too: one identity, one set of roles
        given().header("Authorization", "Bearer " + session).get("/api/v1/alerts?product=oidc").then()
                .statusCode(200);
    }

    @Test
    void aCallbackThatThisBrowserDidNotStartOrACodeUsedTwiceSignsNobodyIn() {
        Response start = given().redirects().follow(false).get("/dashboard/sign-in/oidc");
        String pending = start.cookie(OidcSignIn.STATE_COOKIE);
        String callback = given().redirects().follow(false).urlEncodingEnabled(false).get(start.header("Location"))
                .then().statusCode(302).extract().header("Location");

        // no pending state (another browser, or a forged link): refused
        Response forged = given().redirects().follow(false).urlEncodingEnabled(false).get(callback);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.cookie(DashboardAccess.COOKIE)).isNull();
        // a state that does not match
        Response wrongState = given().redirects().follow(false).urlEncodingEnabled(false)
                .cookie(OidcSignIn.STATE_COOKIE, pending).get(callback.replaceAll("state=[^&]*", "state=other"));
        assertThat(wrongState.statusCode()).isEqualTo(400);

        Response first = given().redirects().follow(false).urlEncodingEnabled(false)
                .cookie(OidcSignIn.STATE_COOKIE, pending).get(callback);
        assertThat(first.statusCode()).isEqualTo(303);
        // the provider takes each code once
        Response again = given().redirects().follow(false).urlEncodingEnabled(false)
                .cookie(OidcSignIn.STATE_COOKIE, pending).get(callback);
        assertThat(again.statusCode()).isEqualTo(502);
        assertThat(again.cookie(DashboardAccess.COOKIE)).isNull();
        given().redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", containsString("/dashboard/sign-in"));
    }
}

package io.releaseradar.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.platform.Roles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With Secure cookies (production's setting, behind TLS) the dashboard's session cookie is a {@code __Host-} cookie:
 * browsers keep it only if it is Secure, has {@code Path=/} and no {@code Domain}, so a sibling subdomain can neither
 * set nor overwrite it. Checked on the {@code Set-Cookie} header the service sends, as a browser reads it.
 */
@QuarkusTest
@TestProfile(SecureSessionCookieTest.SecureCookies.class)
class SecureSessionCookieTest {

    public static class SecureCookies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("radar.dashboard.secure-cookie", "true");
        }
    }

    @Test
    void theSessionCookieIsAHostCookieAndOnlyThatNameSignsIn() {
        String setCookie = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", Roles.RELEASE_MANAGER).formParam("next", "/dashboard")
                .post("/dashboard/sign-in/dev").then().statusCode(303).extract().header("Set-Cookie");

        assertHostCookie(setCookie);
        String session = setCookie.substring("__Host-radar_session=".length(), setCookie.indexOf(';'));
        assertThat(session).isNotBlank();

        String page = given().redirects().follow(false).cookie("__Host-radar_session", session).get("/dashboard")
                .then().statusCode(200).body(containsString("Versions at a glance")).extract().asString();
        Matcher formToken = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(formToken.find()).as("a form token on the page").isTrue();
        // the same token under the plain name (which another subdomain could set) is no session
        given().redirects().follow(false).cookie("radar_session", session).get("/dashboard").then().statusCode(303)
                .header("Location", containsString("/dashboard/sign-in"));

        // signing out removes it under the same name and attributes (else the browser would keep the session)
        String removal = given().redirects().follow(false).cookie("__Host-radar_session", session)
                .contentType("application/x-www-form-urlencoded").formParam("csrf", formToken.group(1))
                .post("/dashboard/sign-out").then().statusCode(303).extract().header("Set-Cookie");
        assertHostCookie(removal);
        assertThat(attributes(removal)).anyMatch(a -> a.equalsIgnoreCase("Max-Age=0"));
    }

    private static void assertHostCookie(String setCookie) {
        assertThat(setCookie).as("Set-Cookie").startsWith("__Host-radar_session=");
        List<String> attributes = attributes(setCookie);
        assertThat(attributes).as(setCookie).contains("Path=/").anyMatch(a -> a.equalsIgnoreCase("Secure"))
                .anyMatch(a -> a.equalsIgnoreCase("HttpOnly"))
                .noneMatch(a -> a.regionMatches(true, 0, "Domain", 0, 6));
    }

    private static List<String> attributes(String setCookie) {
        return Arrays.stream(setCookie.split(";")).skip(1).map(String::strip).toList();
    }
}

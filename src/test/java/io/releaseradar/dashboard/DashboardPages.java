package io.releaseradar.dashboard;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signing in to the dashboard over plain HTTP, for tests that need no browser. */
final class DashboardPages {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private DashboardPages() {
    }

    /** The session cookie of a dev sign-in as {@code role}. */
    static String signIn(String role) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", role).formParam("next", "/dashboard")
                .post("/dashboard/sign-in/dev").then().statusCode(303).extract().cookie(DashboardAccess.COOKIE);
    }

    static RequestSpecification as(String session) {
        return given().redirects().follow(false).cookie(DashboardAccess.COOKIE, session);
    }

    /** The form token on a page the session can see. */
    static String csrf(String session, String path) {
        Response page = as(session).get(path);
        Matcher m = CSRF.matcher(page.asString());
        if (!m.find()) {
            throw new AssertionError("no form token on " + path + ": " + page.statusCode());
        }
        return m.group(1);
    }
}

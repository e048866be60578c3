package io.releaseradar.dashboard;

import static io.releaseradar.dashboard.DashboardPages.as;
import static io.releaseradar.dashboard.DashboardPages.csrf;
import static io.releaseradar.dashboard.DashboardPages.signIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.restassured.http.Cookie;
import org.junit.jupiter.api.Test;

/** Who may see and change what on the dashboard, and that forms from elsewhere change nothing. */
@QuarkusTest
class DashboardAccessTest {

    @Test
    void withoutASessionPagesSendTheBrowserToSignInAndTheSessionCookieIsGuarded() {
        given().redirects().follow(false).get("/dashboard/alerts?product=x").then().statusCode(303)
                .header("Location", endsWith("/dashboard/sign-in?next=%2Fdashboard%2Falerts%3Fproduct%3Dx"));
        // after signing in, the browser is back where it was asked to sign in
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", Roles.SUPPORT_LEAD).formParam("next", "/dashboard/alerts?product=x")
                .post("/dashboard/sign-in/dev").then().statusCode(303)
                .header("Location", endsWith("/dashboard/alerts?product=x"));
        given().redirects().follow(false).cookie(DashboardAccess.COOKIE, "forged.token.value").get("/dashboard")
                .then().statusCode(303).header("Location", containsString("/dashboard/sign-in"));

        Cookie cookie = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("role", Roles.RELEASE_MANAGER).formParam("next", "https://evil.example.com/")
                .post("/dashboard/sign-in/dev").then().statusCode(303)
                .header("Location", endsWith("/dashboard")) // never sent to another site after signing in
                .extract().detailedCookie(DashboardAccess.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Lax");

        as(cookie.getValue()).get("/dashboard").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                .body(containsString("Versions at a glance"));
        // an API role that is not a dashboard role
        String ingest = given().redirects().follow(false).cookie(DashboardAccess.COOKIE, Api.token(Roles.INGEST))
                .get("/dashboard").then().statusCode(403).extract().asString();
        assertThat(ingest).contains("Not allowed");
        given().contentType("application/x-www-form-urlencoded").formParam("role", Roles.INGEST)
                .post("/dashboard/sign-in/dev").then().statusCode(400);
    }

    @Test
    void aSubscriptionFormNeedsTheSessionsTokenAndThisSite() {
        String lead = signIn(Roles.SUPPORT_LEAD);
        String token = csrf(lead, "/dashboard/alerts?product=none");
        String id = "dash-" + Api.uniqueProduct();

        as(lead).contentType("application/x-www-form-urlencoded").formParam("id", id).formParam("minSeverity", "HIGH")
                .formParam("email", "lead@example.com").post("/dashboard/subscriptions").then().statusCode(403);
        as(lead).contentType("application/x-www-form-urlencoded").header("Origin", "https://evil.example.com")
                .formParam("id", id).formParam("minSeverity", "HIGH").formParam("email", "lead@example.com")
                .formParam("csrf", token).post("/dashboard/subscriptions").then().statusCode(403);
        // another session's token does not do either
        String other = csrf(signIn(Roles.SUPPORT_LEAD), "/dashboard/alerts?product=none");
        as(lead).contentType("application/x-www-form-urlencoded").formParam("id", id).formParam("minSeverity", "HIGH")
                .formParam("email", "lead@example.com").formParam("csrf", other).post("/dashboard/subscriptions")
                .then().statusCode(403);
        Api.as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", id).then().statusCode(404);

        // invalid fields: the API's validation, shown on the page, nothing stored
        as(lead).contentType("application/x-www-form-urlencoded").formParam("id", id).formParam("minSeverity", "HUGE")
                .formParam("csrf", token).post("/dashboard/subscriptions").then().statusCode(400)
                .body(containsString("minSeverity"));
        Api.as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", id).then().statusCode(404);

        as(lead).contentType("application/x-www-form-urlencoded").formParam("id", id).formParam("minSeverity", "HIGH")
                .formParam("email", "lead@example.com").formParam("csrf", token).post("/dashboard/subscriptions")
                .then().statusCode(201).body(containsString("Subscription " + id + " created."));
        Api.as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", id).then().statusCode(200)
                .body("email", org.hamcrest.Matchers.equalTo("lead@example.com"));

        as(lead).contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .post("/dashboard/subscriptions/{id}/delete", id).then().statusCode(200);
        Api.as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", id).then().statusCode(404);
    }

    @Test
    void aSupportLeadCannotActOnNoticesNorAReleaseManagerOnAlerts() {
        String lead = signIn(Roles.SUPPORT_LEAD);
        String leadToken = csrf(lead, "/dashboard/alerts?product=none");
        as(lead).get("/dashboard/notices").then().statusCode(403).body(containsString("release-manager"));
        as(lead).contentType("application/x-www-form-urlencoded").formParam("csrf", leadToken)
                .post("/dashboard/notices/{id}/approve", java.util.UUID.randomUUID()).then().statusCode(403);

        String manager = signIn(Roles.RELEASE_MANAGER);
        String managerToken = csrf(manager, "/dashboard/alerts?product=none");
        as(manager).get("/dashboard/alerts?product=none").then().statusCode(200)
                .body(not(containsString("Add or replace a subscription")));
        as(manager).contentType("application/x-www-form-urlencoded").formParam("csrf", managerToken)
                .formParam("reason", "no").post("/dashboard/alerts/{id}/dismiss", java.util.UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void theBacktestPageReplaysAPeriodAndNamesBadInput() {
        String product = Api.uniqueProduct();
        Api.as(Roles.RELEASE_MANAGER).contentType("application/json").body(java.util.Map.of("releasedAt",
                "2026-03-01T09:00:00Z")).put("/api/v1/products/{p}/releases/1.0.0", product).then().statusCode(201);
        String manager = signIn(Roles.RELEASE_MANAGER);

        as(manager).queryParam("product", product).queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .get("/dashboard/backtests").then().statusCode(200)
                .body(containsString("0 alert(s) would have opened in 49 hourly evaluations"));
        as(manager).queryParam("product", product).queryParam("from", "March").queryParam("to", "2026-03-02")
                .get("/dashboard/backtests").then().statusCode(400).body(containsString("YYYY-MM-DD"));
        as(manager).queryParam("product", "no-such-" + product).queryParam("from", "2026-03-01")
                .queryParam("to", "2026-03-02").get("/dashboard/backtests").then().statusCode(404)
                .body(containsString("is known"));
        as(signIn(Roles.SUPPORT_LEAD)).get("/dashboard/backtests").then().statusCode(403);
    }
}

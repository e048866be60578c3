package io.releaseradar.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production sign-in through a real browser (Debian's Chromium): quarkus-oidc's authorization-code flow with PKCE
 * and a nonce against a local OpenID provider started by the test ({@link TestIdentityProvider}, which says why it is
 * an in-test provider), the encrypted session cookie, token refresh, the audience check, logout at the provider, and
 * what a sign-in link this browser did not start gets.
 */
@QuarkusTest
@TestProfile(OidcSignInProfile.class)
class OidcSignInTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void resetProvider() {
        TestIdentityProvider.user = "idp-user";
        TestIdentityProvider.groups = Set.of("support-lead");
        TestIdentityProvider.audience = TestIdentityProvider.CLIENT_ID;
        TestIdentityProvider.idTokenLifetime = Duration.ofHours(1);
        TestIdentityProvider.refuseWith = null;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static List<Cookie> sessionCookies(BrowserContext context) {
        return context.cookies().stream().filter(c -> c.name.startsWith("q_session")).toList();
    }

    @Test
    void aUserSignsInAtTheProviderLandsWhereTheyWereGoingStaysSignedInAcrossARefreshAndSignsOutThere() {
        TestIdentityProvider.idTokenLifetime = Duration.ofSeconds(6);
        int refreshes = TestIdentityProvider.REFRESHES.get();
        int logouts = TestIdentityProvider.LOGOUTS.get();
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/alerts?product=oidc"));
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/dashboard/sign-in\\?next=.*"));
            assertThat(page.getByText("Dev sign-in")).hasCount(0);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your company account"))
                    .click();
            page.waitForURL(url("/dashboard/alerts?product=oidc"));
            assertThat(page.locator("body")).containsText("idp-user");
            assertThat(page.locator("body")).containsText("support-lead");

            // the flow the provider saw: PKCE (S256) and a nonce, which the ID token carried back
            Map<String, String> authorize = TestIdentityProvider.AUTHORIZE_REQUESTS
                    .get(TestIdentityProvider.AUTHORIZE_REQUESTS.size() - 1);
            assertThat(authorize).containsEntry("code_challenge_method", "S256").containsKey("nonce")
                    .containsEntry("redirect_uri", url("/dashboard/sign-in/callback"));
            // the session is quarkus-oidc's encrypted cookie, not the provider's token as it was issued
            List<Cookie> session = sessionCookies(context);
            assertThat(session).isNotEmpty().allMatch(c -> c.httpOnly);
            String sessionValue = session.stream().map(c -> c.value).reduce("", String::concat);
            assertThat(TestIdentityProvider.ID_TOKENS).noneMatch(t -> sessionValue.contains(t.split("\\.")[1]));
            // the session cookie never authenticates the API (only Authorization: Bearer does)
            assertThat(context.request().get(url("/api/v1/alerts?product=oidc")).status()).isEqualTo(401);

            // the ID token expires after 6 s: quarkus-oidc refreshes it and the user stays signed in
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Response r = page.navigate(url("/dashboard/alerts?product=oidc"));
                return TestIdentityProvider.REFRESHES.get() > refreshes && r.status() == 200
                        && page.url().endsWith("/dashboard/alerts?product=oidc");
            });
            assertThat(page.locator("body")).containsText("idp-user");

            // signing out ends the session here and at the provider (RP-initiated logout)
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/dashboard/sign-in.*"));
            assertThat(TestIdentityProvider.LOGOUTS.get()).isEqualTo(logouts + 1);
            assertThat(sessionCookies(context)).isEmpty();
            page.navigate(url("/dashboard/alerts?product=oidc"));
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/dashboard/sign-in\\?next=.*"));
        }
    }

    @Test
    void anIdTokenIssuedToAnotherApplicationSignsNobodyIn() {
        TestIdentityProvider.audience = "wiki";
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/sign-in?next=/dashboard/alerts"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your company account"))
                    .click();
            page.waitForLoadState();
            assertThat(sessionCookies(context)).isEmpty();
            page.navigate(url("/dashboard/alerts"));
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/dashboard/sign-in\\?next=.*"));
        }
    }

    @Test
    void aSignInTheProviderRefusesEndsOnASignInPageThatSaysSo() {
        TestIdentityProvider.refuseWith = "access_denied";
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/sign-in?next=/dashboard/alerts"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your company account"))
                    .click();
            page.waitForURL(java.util.regex.Pattern.compile(".*/dashboard/sign-in/failed.*"));
            assertThat(page.locator("[role=alert]")).containsText("did not sign you in (access_denied)");
            assertThat(sessionCookies(context)).isEmpty();
        }
    }

    @Test
    void aCallbackThisBrowserDidNotStartOrWithAMalformedStateCookieIsA400Page() {
        String callback = "/dashboard/sign-in/callback?code=some-code&state=some-state";
        // no pending sign-in in this browser (a forged or stale link)
        given().redirects().follow(false).get(callback).then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("stale"));
        // a malformed state cookie, and one for another sign-in: 400 pages that remove it, never a 500
        for (String value : List.of("%%%not|a|state%%%", "some-state|***", "other-state|abc.def")) {
            io.restassured.response.Response r = given().redirects().follow(false).urlEncodingEnabled(false)
                    .cookie("q_auth_dashboard", value).get(callback);
            assertThat(r.statusCode()).as(value.substring(0, Math.min(20, value.length()))).isEqualTo(400);
            assertThat(r.contentType()).contains("text/html");
            assertThat(r.getHeaders().getValues("Set-Cookie")).anyMatch(c -> c.startsWith("q_auth_dashboard=;")
                    || c.startsWith("q_auth_dashboard=\"\"") || c.contains("Max-Age=0"));
        }
        // the dev sign-in does not exist here
        given().contentType("application/x-www-form-urlencoded").formParam("role", "admin")
                .post("/dashboard/sign-in/dev").then().statusCode(404);
    }
}

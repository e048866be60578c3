package io.releaseradar.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.platform.Roles;
import io.releaseradar.simulation.DemoLoader;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.GreenMailResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser, on the simulator's demo product (one bad release, 3.3.0): a release manager
 * finds it and warns its customers, a support lead works its alert. With {@code -Ddashboard.screenshots=docs} the
 * overview and version page are also saved as PNGs there (the README's screenshots).
 */
@QuarkusTest
@TestProfile(DashboardBrowserProfile.class)
class DashboardBrowserTest {

    /** Products this test loaded the demo into: their auto-notices are cancelled after each test. */
    private final List<String> demoProducts = new ArrayList<>();

    @AfterEach
    void cancelDemoNotices() {
        demoProducts.forEach(Api::cancelUnsentNotices);
    }

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;
    @Inject
    DemoLoader demo;

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

    private String demoProduct() {
        String product = Api.uniqueProduct();
        // up to now, as the demo loads it: a notice's audience is the install base as of now
        org.assertj.core.api.Assertions.assertThat(demo.load(product, Instant.now())).isTrue();
        demoProducts.add(product);
        return product;
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void signIn(Page page, String role) {
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in as " + role)).click();
    }

    @Test
    void aReleaseManagerFindsTheBadReleaseAndWarnsItsCustomers() throws Exception {
        String product = demoProduct();
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard?product=" + product));
            signIn(page, Roles.RELEASE_MANAGER);

            // the overview flags the bad version in words and icon, not colour alone
            Locator bad = page.locator("tr[data-version='3.3.0']");
            assertThat(bad).hasClass(Pattern.compile("\\bbad\\b"));
            assertThat(bad.locator(".badge")).hasText(Pattern.compile("At risk|Critical"));
            assertThat(page.locator("tr[data-version='3.2.1']")).not().hasClass(Pattern.compile("\\bbad\\b"));
            screenshot(page, "dashboard-overview.png");

            bad.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("3.3.0")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .containsText(product + " 3.3.0");
            // the chart is drawn by Chart.js under the page's CSP, with the version, baseline and markers
            page.waitForFunction("() => { const c = document.getElementById('rate-chart'); "
                    + "return c && c.chart && c.chart.data.datasets.length === 3; }");
            Object markers = page.evaluate("() => JSON.parse(document.getElementById('chart-data').textContent)"
                    + ".markers.map(m => m.label)");
            assertThat(markers.toString()).contains("released").contains("alert opened");
            assertThat(page.locator("#signals tbody tr").first()).isVisible();
            // the customers' own words are the support leads' (as the API's alerts): none for a release manager
            assertThat(page.locator("blockquote.verbatim")).hasCount(0);
            screenshot(page, "dashboard-version.png");

            // from the alert: compose, preview with the breakdown, approve, watch it reach SENT
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Warn customers…")).click();
            page.getByLabel("Customers running this version").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft and preview")).click();
            assertThat(page.locator(".notice-status")).hasText("DRAFT");
            int mailed = Integer.parseInt(page.locator(".mailed").textContent().trim());
            assertThat(mailed).isPositive();
            assertThat(page.locator(".preview-subject")).containsText("3.3.0");
            String noticeId = page.url().replaceAll(".*/dashboard/notices/", "");
            JsonPath draft = as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", noticeId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(draft.getString("audience")).isEqualTo("INSTALLED");
            assertThat(draft.getInt("audienceSize")).isEqualTo(mailed);
            String subject = page.locator(".preview-subject").textContent().trim();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Approve and send to " + mailed + " customers")).click();
            assertThat(page.locator(".notice-status")).hasText("SENT",
                    new LocatorAssertions.HasTextOptions().setTimeout(90_000));
            assertThat(page.locator(".sent-count")).hasText(Integer.toString(mailed));

            JsonPath sent = as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", noticeId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(sent.getInt("deliveries.sent")).isEqualTo(mailed);
            assertThat(sent.getList("audit.actor")).contains("dev-" + Roles.RELEASE_MANAGER);
            long received = GreenMailResource.all().stream().filter(m -> subjectOf(m).equals(subject)).count();
            assertThat(received).isEqualTo(mailed);
        }
    }

    @Test
    void aSupportLeadWorksTheAlertAndCannotApproveNotices() {
        String product = demoProduct();
        String alertId = as(Roles.SUPPORT_LEAD).queryParam("product", product).queryParam("version", "3.3.0")
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getString("[0].id");
        String noticeId = as(Roles.RELEASE_MANAGER).contentType("application/json").body(Map.of("product", product,
                        "version", "3.3.0", "audience", "INSTALLED", "subject", "Wait with {version}",
                        "body", "Dear {name}, please wait."))
                .post("/api/v1/notices").then().statusCode(201).extract().jsonPath().getString("id");

        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/alerts?product=" + product));
            signIn(page, Roles.SUPPORT_LEAD);

            Locator alert = page.locator("#alert-" + alertId);
            assertThat(alert.locator(".status")).hasText("OPEN");
            assertThat(alert.locator("blockquote.verbatim").first()).isAttached();
            alert.getByLabel("Note (optional)").fill("Sync team is on it");
            alert.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(page.locator("#alert-" + alertId + " .status")).hasText("ACKNOWLEDGED");

            page.locator("#alert-" + alertId).getByLabel("Resolution (optional)").fill("Fixed in 3.3.1");
            page.locator("#alert-" + alertId).getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Resolve")).click();
            assertThat(page.locator("#alert-" + alertId)).hasCount(0);
            assertThat(page.locator("#closed-title")).isVisible();
            JsonPath resolved = as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alertId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
            assertThat(resolved.getString("reason")).isEqualTo("Fixed in 3.3.1");

            // notices are the release managers': the page is refused, and so is a posted approval
            com.microsoft.playwright.Response refused = page.navigate(url("/dashboard/notices/" + noticeId));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.locator("h1")).containsText("Not allowed");
            page.navigate(url("/dashboard/alerts?product=" + product));
            String csrf = page.locator("input[name=csrf]").first().inputValue();
            int status = page.request().post(url("/dashboard/notices/" + noticeId + "/approve"),
                    RequestOptions.create().setForm(FormData.create().set("csrf", csrf))).status();
            assertThat(status).isEqualTo(403);
            as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", noticeId).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("DRAFT"));
        }
    }

    @Test
    void theOverviewFitsAPhoneAndIsKeyboardOperable() {
        String product = Api.uniqueProduct();
        as(Roles.RELEASE_MANAGER).contentType("application/json")
                .body(Map.of("releasedAt", "2026-03-01T09:00:00Z")).put("/api/v1/products/{p}/releases/1.0.0", product)
                .then().statusCode(201);
        try (BrowserContext context = browser.phone()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard?product=" + product));
            signIn(page, Roles.SUPPORT_LEAD);
            assertThat(page.locator("tr[data-version='1.0.0'] .badge")).hasText(Pattern.compile("Not evaluated"));
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);

            // the first Tab reaches the skip link, which moves focus to the content
            page.keyboard().press("Tab");
            assertThat(page.locator(":focus")).hasText("Skip to content");
            page.keyboard().press("Enter");
            page.keyboard().press("Tab");
            Object inMain = page.evaluate("() => document.getElementById('main').contains(document.activeElement)");
            assertThat(inMain).isEqualTo(true);
        }
    }

    private static void screenshot(Page page, String name) {
        String dir = System.getProperty("dashboard.screenshots");
        if (dir != null && !dir.isBlank()) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(dir, name)).setFullPage(true));
        }
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

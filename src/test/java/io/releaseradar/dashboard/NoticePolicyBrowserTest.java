package io.releaseradar.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.platform.Roles;
import io.releaseradar.simulation.DemoLoader;
import io.releaseradar.testsupport.Api;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notice-policy form in a real browser, on the demo product (its policy off): before switching auto-send on, a
 * release manager checks the false-alert estimate on the product's own history. While the bad release's alert is
 * unconfirmed it counts as false and the form warns that the estimate is over the budget; once a support lead has
 * acknowledged it, the check again is within budget, and says what auto-send would have sent.
 */
@QuarkusTest
@TestProfile(DashboardBrowserProfile.class)
class NoticePolicyBrowserTest {

    /** Products this test loaded the demo into: their auto-notices are cancelled after each test. */
    private final List<String> demoProducts = new ArrayList<>();

    @AfterEach
    void cancelDemoNotices() {
        demoProducts.forEach(Api::cancelUnsentNotices);
    }

    private static final LocatorAssertions.IsVisibleOptions REPLAY = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(120_000);

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;
    @Inject
    DemoLoader demo;
    @Inject
    AlertService alerts;

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

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void theFormShowsTheFalseAlertEstimateAgainstTheBudgetAndWarnsWhenItIsOver() {
        String product = Api.uniqueProduct();
        assertThat(demo.load(product, Instant.now())).isTrue();
        demoProducts.add(product);
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/notice-policy?product=" + product));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in as "
                    + Roles.RELEASE_MANAGER)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .containsText("Auto-notice policy of " + product);
            Locator calibration = page.locator("#calibration");
            assertThat(calibration.locator(".cal-none")).containsText("Not checked yet");
            assertThat(calibration.locator(".false-alert-budget")).hasText("0.50");

            // nobody has confirmed 3.3.0's alert yet: by the product's own record it is a false alert
            calibration.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Check against this product's history")).click();
            assertThat(page.locator("#calibration .false-alert-rate")).isVisible(REPLAY);
            Locator warning = page.locator("#calibration .over-budget");
            assertThat(warning).isVisible();
            assertThat(warning).hasAttribute("role", "alert");
            assertThat(warning).containsText("Over the false-alert budget");
            assertThat(page.locator("#calibration .unconfirmed")).containsText("3.3.0");
            Locator high = page.locator("#would-have-sent tr[data-severity='HIGH']");
            assertThat(high.locator(".notices")).hasText("1");
            assertThat(high).hasClass(Pattern.compile("\\bpolicy-row\\b"));
            int customers = Integer.parseInt(high.locator(".customers").textContent().replace(",", "").trim());
            assertThat(customers).isPositive();

            // a support lead acknowledges it: the incident is confirmed, the estimate within budget
            AlertView bad = alerts.list(product, "3.3.0", null).get(0);
            alerts.acknowledge(bad.id(), "sync team is on it", Instant.now());
            page.locator("#calibration").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Check again")).click();
            assertThat(page.locator("#calibration .within-budget")).isVisible(REPLAY);
            assertThat(page.locator("#calibration .false-alert-rate")).hasText("0.00");
            assertThat(page.locator("#calibration .over-budget")).hasCount(0);
            assertThat(page.locator("#would-have-sent tr[data-severity='HIGH'] .notices")).hasText("1");

            // switched on with the estimate in view; the API serves what the form saved
            page.getByLabel("Send notices automatically").check();
            page.getByLabel("Customers running the version").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save policy")).click();
            assertThat(page.locator(".saved")).hasText("Policy saved.");
            as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/notice-policy", product).then().statusCode(200)
                    .body("autoSend", org.hamcrest.Matchers.equalTo(true))
                    .body("audience", org.hamcrest.Matchers.equalTo("INSTALLED"));

            // the backtest page reports the same estimate
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            page.navigate(url("/dashboard/backtests?product=" + product + "&from=" + today + "&to=" + today));
            assertThat(page.locator("#calibration .false-alert-rate")).hasText("0.00");
        }
    }
}

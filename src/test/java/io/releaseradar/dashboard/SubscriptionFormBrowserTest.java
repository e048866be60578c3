package io.releaseradar.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.releaseradar.testsupport.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A support lead subscribes Slack and PagerDuty through the dashboard's form, in a real browser, and what is stored
 * is what the API would store for the same fields: the receiver kind survives saving and editing (it used to become
 * a plain webhook), PagerDuty gets its routing key and default URL, and a refused form stores nothing.
 */
@QuarkusTest
@TestProfile(DashboardBrowserProfile.class)
class SubscriptionFormBrowserTest {

    /** A Slack incoming webhook's shape, on a host the test profile allows over http. */
    private static final String SLACK_URL = "http://127.0.0.1:9/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";

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

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void signIn(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in as " + Roles.SUPPORT_LEAD))
                .click();
    }

    private static void save(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save subscription")).click();
    }

    @Test
    void aSlackSubscriptionStaysSlackWhenCreatedAndWhenEdited() {
        String product = Api.uniqueProduct();
        String id = product + "-slack";
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/alerts"));
            signIn(page);

            page.getByLabel("Id", new Page.GetByLabelOptions()).fill(id);
            page.getByLabel("Product (empty: every product)").fill(product);
            page.getByLabel("From severity").selectOption("MEDIUM");
            page.getByLabel("Receiver").selectOption(new SelectOption().setLabel("Slack (incoming webhook)"));
            page.getByLabel("Webhook URL").fill(SLACK_URL);
            save(page);
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Subscription " + id + " created.");
            as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", id).then().statusCode(200)
                    .body("kind", equalTo("slack")).body("webhookUrl", equalTo(SLACK_URL))
                    .body("minSeverity", equalTo("MEDIUM")).body("product", equalTo(product));

            // edit: the form comes back filled in with what is stored, the kind included
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit " + id)).click();
            assertThat(page.getByLabel("Receiver")).hasValue("slack");
            assertThat(page.getByLabel("Webhook URL")).hasValue(SLACK_URL);
            assertThat(page.getByLabel("Id", new Page.GetByLabelOptions())).hasValue(id);
            page.getByLabel("From severity").selectOption("CRITICAL");
            save(page);
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Subscription " + id + " replaced.");
            as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", id).then().statusCode(200)
                    .body("kind", equalTo("slack")).body("minSeverity", equalTo("CRITICAL"))
                    .body("webhookUrl", equalTo(SLACK_URL));
        }
    }

    @Test
    void pagerDutyGetsItsRoutingKeyAndDefaultUrlAndARefusedFormStoresNothing() {
        String product = Api.uniqueProduct();
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/alerts"));
            signIn(page);

            // Slack without its URL: refused, the form keeps what was typed, nothing stored
            page.getByLabel("Id", new Page.GetByLabelOptions()).fill(product + "-refused");
            page.getByLabel("Receiver").selectOption("slack");
            save(page);
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("webhookUrl: is required for kind slack");
            assertThat(page.getByLabel("Receiver")).hasValue("slack");
            as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", product + "-refused").then().statusCode(404);

            page.getByLabel("Id", new Page.GetByLabelOptions()).fill(product + "-pd");
            page.getByLabel("Product (empty: every product)").fill(product);
            page.getByLabel("Receiver").selectOption("pagerduty");
            page.getByLabel("PagerDuty routing key", new Page.GetByLabelOptions()).fill(ROUTING_KEY);
            save(page);
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Subscription " + product + "-pd created.");
            as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions/{id}", product + "-pd").then().statusCode(200)
                    .body("kind", equalTo("pagerduty"))
                    .body("webhookUrl", equalTo("https://events.pagerduty.com/v2/enqueue"))
                    .body("routingKey", nullValue());
        }
    }
}

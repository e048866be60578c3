package io.releaseradar.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Words for customers and for people on the dashboard, in a real browser: the composer's first draft from an alert,
 * the preview with one mail per language, instants and symptoms as people read them, and the demo's sent mail.
 */
@QuarkusTest
@TestProfile(DashboardBrowserProfile.class)
class CustomerWordsBrowserTest {

    /** An ISO-8601 instant as {@code Instant.toString()} writes it: never on a page. */
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");
    private static final Pattern READABLE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;
    @Inject
    AlertTestSupport alerts;

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

    /**
     * Releases 1.0, 2.0 (the bad one) and 2.1 (the fix, out a day ago); anna (de-CH) runs 2.0, carol (no locale)
     * still 1.0.
     */
    private static String world() {
        String p = Api.uniqueProduct();
        release(p, "1.0", NOW.minus(Duration.ofDays(30)));
        release(p, "2.0", NOW.minus(Duration.ofDays(10)));
        release(p, "2.1", NOW.minus(Duration.ofDays(1)));
        as(Roles.INGEST).contentType("application/json").body(List.of(
                        customer(p + "-anna", "Anna Muster", "de-CH"), customer(p + "-carol", "Carol", null)))
                .post("/api/v1/customers/batch").then().statusCode(200);
        as(Roles.INGEST).contentType("application/json").body(List.of(
                        installation(p + "-anna", p, "1.0", NOW.minus(Duration.ofDays(29))),
                        installation(p + "-carol", p, "1.0", NOW.minus(Duration.ofDays(29))),
                        installation(p + "-anna", p, "2.0", NOW.minus(Duration.ofDays(5)))))
                .post("/api/v1/installations/batch").then().statusCode(200);
        return p;
    }

    private static void release(String product, String version, Instant at) {
        as(Roles.RELEASE_MANAGER).contentType("application/json").body(Map.of("releasedAt", at.toString()))
                .put("/api/v1/products/{p}/releases/{v}", product, version).then().statusCode(201);
    }

    private static Map<String, Object> customer(String id, String name, String locale) {
        Map<String, Object> c = new HashMap<>();
        c.put("id", id);
        c.put("name", name);
        c.put("email", id + "@example.com");
        c.put("locale", locale);
        c.put("optedOut", false);
        return c;
    }

    private static Map<String, Object> installation(String customer, String product, String version, Instant at) {
        return Map.of("customerId", customer, "product", product, "version", version, "installedAt", at.toString());
    }

    /** An alert of 2.0 about {@code symptom}, with what two customers wrote. */
    private String alert(String product, String symptom, String... subjects) {
        List<AlertView.SampleContact> samples = new java.util.ArrayList<>();
        for (int i = 0; i < subjects.length; i++) {
            samples.add(new AlertView.SampleContact("zendesk", product + "-s" + i, NOW.minusSeconds(600 + i),
                    subjects[i]));
        }
        alerts.apply(product, NOW, List.of(AlertTestSupport.finding(product, "2.0", Severity.HIGH, 40, symptom)),
                f -> samples);
        return as(Roles.SUPPORT_LEAD).queryParam("product", product).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getString("[0].id");
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    private static void signIn(Page page, String role) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in as " + role)).click();
    }

    @Test
    void theComposerDraftsFromTheAlertInCustomerWordsAndThePreviewShowsOneMailPerLanguage() {
        String p = world();
        String alertId = alert(p, "note vanished", "Notes vanished after the update", "my notes vanished");
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/notices/new?alert=" + alertId));
            signIn(page, Roles.RELEASE_MANAGER);

            // what happened in their words, who is affected, what to do, the fix: a draft, not the summary
            assertThat(page.getByLabel("Subject", new Page.GetByLabelOptions().setExact(true)))
                    .hasValue(p + " 2.0: please upgrade to 2.1");
            Locator body = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
            String draft = body.inputValue();
            assertThat(draft).contains("told us: \"notes vanished\"").contains("Who is affected: customers running "
                    + p + " 2.0").contains("please upgrade to " + p + " 2.1").doesNotContain("12 customers")
                    .doesNotContain("4.8x");
            assertThat(page.locator(".alert-summary")).containsText("from 12 customers");

            // editable before approval, with a translation
            body.fill(draft + "\n\nThank you for your patience.");
            page.getByLabel("Language tag (e.g. de, fr, de-CH)").first().fill("de");
            page.getByLabel("Subject in that language").first().fill("Bitte auf {fixVersion} aktualisieren");
            page.getByLabel("Message in that language").first().fill("Sie verwenden {installedVersion}: bitte "
                    + "aktualisieren Sie auf {fixVersion}.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft and preview")).click();

            assertThat(page.locator(".notice-status")).hasText("DRAFT");
            Locator german = page.locator(".language[data-locale='de']");
            assertThat(german.locator(".language-customers")).hasText("1");
            assertThat(german.locator(".language-subject")).hasText("Bitte auf 2.1 aktualisieren");
            assertThat(german.locator(".language-text")).containsText("Guten Tag Anna Muster,");
            assertThat(german.locator(".language-text")).containsText("Sie verwenden 2.0: bitte aktualisieren Sie "
                    + "auf 2.1.");
            Locator english = page.locator(".language[data-locale='default']");
            assertThat(english.locator(".language-customers")).hasText("1");
            assertThat(english.locator(".language-text")).containsText("Dear Carol,");
            assertThat(english.locator(".language-text")).containsText("Thank you for your patience.");

            String noticeId = page.url().replaceAll(".*/dashboard/notices/", "");
            assertThat(as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", noticeId).then().statusCode(200)
                    .extract().jsonPath().getString("translations.de.subject")).isEqualTo("Bitte auf 2.1 "
                    + "aktualisieren");
            // the audit says when in words people read
            assertThat(page.locator("#audit-title + ul")).containsText(READABLE);
            assertThat(page.locator("main").innerText()).doesNotContainPattern(ISO_INSTANT);
        }
    }

    @Test
    void instantsAndSymptomsReadAsWordsOnThePages() {
        String p = world();
        String alertId = alert(p, "category:sync", "Sync stopped", "Sync broken since the update");
        as(Roles.RELEASE_MANAGER).contentType("application/json").body(Map.of("product", p, "version", "2.0",
                        "audience", "ALL", "subject", "About {version}", "body", "Please wait."))
                .post("/api/v1/notices").then().statusCode(201);
        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/alerts?product=" + p));
            // an admin: the customers' own words are for support leads (and admins) only, as in the API
            signIn(page, Roles.ADMIN);
            Locator alert = page.locator("#alert-" + alertId);
            assertThat(alert.locator("li").first()).containsText("about Sync (helpdesk category) in 24 h");
            assertThat(alert.locator("ul").first()).not().containsText("category:");
            // the customers' words, dated as people read dates
            alert.locator("summary").filter(new Locator.FilterOptions().setHasText("What customers said")).click();
            assertThat(alert.locator("blockquote.verbatim footer").first()).containsText(READABLE);
            assertThat(page.locator("main").innerText()).doesNotContainPattern(ISO_INSTANT);

            page.navigate(url("/dashboard/notices"));
            Locator row = page.locator("tr").filter(new Locator.FilterOptions().setHasText(p + " 2.0")).first();
            assertThat(row.locator("td[data-label='Created']")).hasText(READABLE);
            assertThat(page.locator("main").innerText()).doesNotContainPattern(ISO_INSTANT);
        }
    }

    @Test
    void theSentMailViewShowsRecipientsAndOneMailPerLanguage() {
        String p = world();
        Map<String, Object> notice = new HashMap<>(Map.of("product", p, "version", "2.0", "audience", "ALL",
                "subject", "{product} {version}: please upgrade to {fixVersion}",
                "body", "You run {installedVersion}, {name}: please upgrade to {fixVersion}."));
        notice.put("translations", Map.of("de", Map.of("subject", "{product} {version}: bitte auf {fixVersion} "
                + "aktualisieren", "body", "Sie verwenden {installedVersion}, {name}.")));
        String id = as(Roles.RELEASE_MANAGER).contentType("application/json").body(notice).post("/api/v1/notices")
                .then().statusCode(201).extract().path("id");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(90)).until(() -> "SENT".equals(as(Roles.RELEASE_MANAGER)
                .get("/api/v1/notices/{id}", id).then().extract().path("status")));

        try (BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate(url("/dashboard/notices"));
            signIn(page, Roles.RELEASE_MANAGER);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sent mail").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("Sent mail");

            Locator sent = page.locator("#sent-" + id);
            assertThat(sent.locator(".sent-total")).hasText("2");
            Locator german = sent.locator(".sent-language[data-locale='de']");
            assertThat(german.locator(".sent-count")).hasText("1");
            assertThat(german.locator(".recipients")).hasText(p + "-anna@example.com");
            assertThat(german.locator(".sent-subject")).hasText(p + " 2.0: bitte auf 2.1 aktualisieren");
            assertThat(german.locator(".sent-text")).containsText("Sie verwenden 2.0, Anna Muster.");
            Locator english = sent.locator(".sent-language[data-locale='default']");
            assertThat(english.locator(".recipients")).hasText(p + "-carol@example.com");
            assertThat(english.locator(".sent-subject")).hasText(p + " 2.0: please upgrade to 2.1");
            assertThat(english.locator(".sent-text")).containsText("You run 1.0, Carol: please upgrade to 2.1.");
            assertThat(sent.locator(".sent-language")).hasCount(2);
        }
    }
}

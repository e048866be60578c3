package io.releaseradar.dashboard;

import static io.releaseradar.dashboard.DashboardPages.as;
import static io.releaseradar.dashboard.DashboardPages.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The customers' own words (an alert's sample subjects) are for support leads, as {@code GET /api/v1/alerts} is:
 * a release manager's dashboard pages show none of them, a support lead's and an admin's do.
 */
@QuarkusTest
class DashboardQuotesByRoleTest {

    @Inject
    AlertTestSupport support;

    @Test
    void releaseManagersSeeNoCustomerQuoteWhileSupportLeadsAndAdminsDo() {
        String product = Api.uniqueProduct();
        Api.as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/2.4.0", product).then().statusCode(201);
        String quote = "All my notes vanished after syncing " + product;
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AlertView alert = support.apply(product, asOf, List.of(AlertTestSupport.finding(product, "2.4.0",
                Severity.HIGH, 9.0)), f -> List.of(new AlertView.SampleContact("zendesk", "ZD-" + product,
                asOf.minusSeconds(600), quote))).opened().get(0);
        String versionPage = "/dashboard/products/" + product + "/versions/2.4.0";
        String alertsPage = "/dashboard/alerts?product=" + product;

        String manager = signIn(Roles.RELEASE_MANAGER);
        for (String path : List.of(versionPage, alertsPage, "/dashboard?product=" + product,
                "/dashboard/notices/new?alert=" + alert.id())) {
            String page = as(manager).get(path).then().statusCode(200).extract().asString();
            // the alert is on the page (its summary names the version), its customers' words are not
            assertThat(page).as(path).contains(product).doesNotContain(quote).doesNotContain("ZD-" + product);
        }
        assertThat(as(manager).get(versionPage).asString()).contains(alert.summary().replace("\"", "&quot;"))
                .doesNotContain("In the customers' own words");
        assertThat(as(manager).get(alertsPage).asString()).contains("alert-" + alert.id());

        for (String role : List.of(Roles.SUPPORT_LEAD, Roles.ADMIN)) {
            String session = signIn(role);
            assertThat(as(session).get(versionPage).then().statusCode(200).extract().asString()).as(role)
                    .contains(quote);
            assertThat(as(session).get(alertsPage).then().statusCode(200).extract().asString()).as(role)
                    .contains(quote);
        }
        // the API is unchanged: the alert's samples are the support leads'
        Api.as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alert.id()).then().statusCode(200)
                .body("sampleContacts[0].subject", org.hamcrest.Matchers.equalTo(quote));
        Api.as(Roles.RELEASE_MANAGER).get("/api/v1/alerts/{id}", alert.id()).then().statusCode(403);
    }
}

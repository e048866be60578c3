package io.releaseradar.dashboard;

import static io.releaseradar.dashboard.DashboardPages.as;
import static io.releaseradar.dashboard.DashboardPages.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The overview marks the same versions in each row as it counts in the product's header. */
@QuarkusTest
class OverviewAttentionTest {

    @Inject
    AlertTestSupport alerts;

    private static String row(String page, String version) {
        Matcher m = Pattern.compile("<tr class=\"([^\"]*)\" data-version=\"" + Pattern.quote(version) + "\"")
                .matcher(page);
        assertThat(m.find()).as("a row for %s", version).isTrue();
        return m.group(1).trim();
    }

    @Test
    void aVersionWithAnOpenAlertIsMarkedInItsRowWhateverItsHealth() {
        String product = Api.uniqueProduct();
        for (String v : new String[] {"1.0.0", "1.1.0"}) {
            Api.as(Roles.RELEASE_MANAGER).contentType("application/json")
                    .body(Map.of("releasedAt", "2026-01-0" + (v.equals("1.0.0") ? 1 : 2) + "T00:00:00Z"))
                    .put("/api/v1/products/{p}/releases/{v}", product, v).then().statusCode(201);
        }
        // no evaluation has stored a health for either version: neither is at risk, 1.1.0 has an open alert
        alerts.apply(product, Instant.now(), AlertTestSupport.finding(product, "1.1.0", Severity.HIGH, 8));

        String page = as(signIn(Roles.RELEASE_MANAGER)).get("/dashboard?product=" + product).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("1 version(s) need attention");
        assertThat(row(page, "1.1.0")).isEqualTo("bad");
        assertThat(row(page, "1.0.0")).isEmpty();
    }
}

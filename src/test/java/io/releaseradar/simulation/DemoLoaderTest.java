package io.releaseradar.simulation;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The demo as a newcomer meets it, over the public API: one open alert on the bad release, opened at its event time
 * during the replay (not at load time), with evidence; the health of every version; and a second start that loads
 * nothing.
 */
@QuarkusTest
class DemoLoaderTest {

    @Inject
    DemoLoader loader;

    @Test
    void loadsOneProductWithOneBadReleaseAndItsAlertOnce() {
        String product = Api.uniqueProduct();
        // a period of its own, so that other tests' evaluations do not meet this product; whole weeks apart, so
        // that the weekly rhythm, and with it the simulated history, is the same every run
        Instant now = Instant.parse("2041-01-08T10:20:34Z")
                .plus(Duration.ofDays(7L * ThreadLocalRandom.current().nextInt(500)));

        assertThat(loader.load(product, now)).isTrue();

        JsonPath alerts = as(Roles.SUPPORT_LEAD).queryParam("product", product).get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> versionAlerts = alerts.<Map<String, Object>>getList("$").stream()
                .filter(a -> a.get("version") != null).toList();
        assertThat(versionAlerts).as("version alerts %s", versionAlerts).hasSize(1);
        Map<String, Object> alert = versionAlerts.get(0);
        assertThat(alert.get("version")).isEqualTo("3.3.0");
        assertThat(alert.get("status")).isEqualTo("OPEN");
        Instant opened = Instant.parse((String) alert.get("openedAt"));
        Instant released = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(4));
        assertThat(opened).isAfter(released).isBefore(now.minus(Duration.ofHours(1)));
        assertThat((List<?>) alert.get("signals")).isNotEmpty();
        assertThat((List<?>) alert.get("sampleContacts")).isNotEmpty();

        JsonPath releases = as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", product)
                .then().statusCode(200).extract().jsonPath();
        assertThat(releases.getList("version")).containsExactlyInAnyOrder("3.1.0", "3.1.1", "3.2.0", "3.2.1",
                "3.3.0");
        assertThat(releases.getString("find { it.version == '3.3.0' }.health.status")).isNotEqualTo("HEALTHY");
        assertThat(releases.getString("find { it.version == '3.2.1' }.health.status")).isIn("HEALTHY", "WATCH");

        // the demo's notice policy (HIGH) sent one notice about the bad release by itself, recorded on the alert
        assertThat(alert.get("severity")).isIn("HIGH", "CRITICAL");
        List<Map<String, Object>> notices = as(Roles.RELEASE_MANAGER).queryParam("product", product)
                .get("/api/v1/notices").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).containsEntry("auto", true).containsEntry("version", "3.3.0")
                .containsEntry("alertId", alert.get("id")).containsEntry("id", alert.get("autoNoticeId"));
        assertThat((Integer) notices.get(0).get("audienceSize")).isPositive();
        // written for customers: the symptom in their words, never the alert's summary; in English, German, French
        String body = (String) notices.get(0).get("body");
        assertThat(body).startsWith("Customers running " + product + " 3.3.0 report \"")
                .doesNotContain((String) alert.get("summary")).doesNotContain("{symptom}").doesNotContain("customers in");
        assertThat(((Map<?, ?>) notices.get(0).get("translations")).keySet().stream().map(String::valueOf))
                .containsExactlyInAnyOrder("de", "fr");

        // a restart finds the product and loads nothing: still one alert
        assertThat(loader.load(product, now.plus(Duration.ofHours(2)))).isFalse();
        assertThat(as(Roles.SUPPORT_LEAD).queryParam("product", product).get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath().getList("$")).hasSize(alerts.getList("$").size());
        assertThat(as(Roles.RELEASE_MANAGER).queryParam("product", product).get("/api/v1/notices").then()
                .statusCode(200).extract().jsonPath().getList("$")).hasSize(1);

        // Nothing sends it here (no notice worker in this profile); left pending, its thousands of deliveries would
        // be due for the next test application's worker, before that test's own.
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/cancel", notices.get(0).get("id")).then()
                .statusCode(200);
    }
}

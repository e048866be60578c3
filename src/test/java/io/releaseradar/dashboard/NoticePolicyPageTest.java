package io.releaseradar.dashboard;

import static io.releaseradar.dashboard.DashboardPages.as;
import static io.releaseradar.dashboard.DashboardPages.csrf;
import static io.releaseradar.dashboard.DashboardPages.signIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The notice-policy form over plain HTTP: release managers' only, bad input answered with the form and its errors
 * and nothing saved, a saved policy keeping the translations set over the API, and the false-alert check started
 * without the page waiting for it.
 */
@QuarkusTest
class NoticePolicyPageTest {

    private static String product() {
        String product = Api.uniqueProduct();
        Api.as(Roles.RELEASE_MANAGER).contentType("application/json").body(Map.of("releasedAt",
                "2026-03-01T09:00:00Z")).put("/api/v1/products/{p}/releases/1.0.0", product).then().statusCode(201);
        return product;
    }

    @Test
    void badInputIsNamedAndNothingIsSaved() {
        String product = product();
        String manager = signIn(Roles.RELEASE_MANAGER);
        String token = csrf(manager, "/dashboard/notice-policy?product=" + product);
        as(manager).contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("product", product).formParam("autoSend", "true").formParam("minSeverity", "LOW")
                .formParam("audience", "INSTALLED").formParam("subject", "Wait with {version}")
                .formParam("body", "Please wait.").post("/dashboard/notice-policy").then().statusCode(400)
                .body(containsString("minSeverity: must be HIGH or CRITICAL"))
                .body(containsString("The policy was not saved"));
        Api.as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/notice-policy", product).then().statusCode(404);

        as(manager).get("/dashboard/notice-policy?product=no-such-" + product).then().statusCode(404);
        as(manager).contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("product", "no-such-" + product).post("/dashboard/notice-policy/check").then()
                .statusCode(404);
        String lead = signIn(Roles.SUPPORT_LEAD);
        as(lead).get("/dashboard/notice-policy?product=" + product).then().statusCode(403);
        as(lead).get("/dashboard/notice-policy/calibration?product=" + product).then().statusCode(403);
    }

    @Test
    void aSavedPolicyKeepsItsTranslationsAndTheCheckRunsInTheBackground() {
        String product = product();
        Api.as(Roles.RELEASE_MANAGER).contentType("application/json").body(Map.of("autoSend", false,
                "minSeverity", "CRITICAL", "audience", "ALL", "subject", "Wait with {version}", "body", "Please wait.",
                "translations", Map.of("de", Map.of("subject", "Warten Sie mit {version}", "body", "Bitte warten."))))
                .put("/api/v1/products/{p}/notice-policy", product).then().statusCode(200);
        String manager = signIn(Roles.RELEASE_MANAGER);
        String token = csrf(manager, "/dashboard/notice-policy?product=" + product);

        as(manager).contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("product", product).formParam("autoSend", "true").formParam("minSeverity", "HIGH")
                .formParam("audience", "INSTALLED").formParam("subject", "Please wait with {version}")
                .formParam("body", "Please wait.").post("/dashboard/notice-policy").then().statusCode(303);
        Api.as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/notice-policy", product).then().statusCode(200)
                .body("autoSend", equalTo(true)).body("minSeverity", equalTo("HIGH"))
                .body("subject", equalTo("Please wait with {version}"))
                .body("translations.de.subject", equalTo("Warten Sie mit {version}"));

        // a product without stored contacts has no history: the check says so
        as(manager).contentType("application/x-www-form-urlencoded").formParam("csrf", token)
                .formParam("product", product).post("/dashboard/notice-policy/check").then().statusCode(303);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                as(manager).get("/dashboard/notice-policy/calibration?product=" + product).then().statusCode(200)
                        .body(containsString("data-state=\"NO_DATA\"")));
    }
}

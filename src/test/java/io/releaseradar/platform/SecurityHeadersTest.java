package io.releaseradar.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The security headers come from configuration and are on every response, also those no JAX-RS filter sees: a 401 from
 * the security layer, Vert.x' own 404, static files, the health probes. The dashboard's pages get a CSP and no-store
 * on top. Strict-Transport-Security is production's only (ProductionSecretsCheckIT sees it there).
 */
@QuarkusTest
class SecurityHeadersTest {

    private static ValidatableResponse basics(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin");
    }

    @Test
    void everyResponseCarriesTheBasicHeaders() {
        for (String path : List.of("/api/v1/alerts", "/no-such-path", "/q/health/live", "/dashboard-assets/radar.css",
                "/webjars/htmx.org/2.0.10/dist/htmx.min.js")) {
            basics(given().redirects().follow(false).get(path).then()).header("Strict-Transport-Security", nullValue());
        }
        basics(given().get("/api/v1/alerts").then().statusCode(401));
    }

    @Test
    void dashboardPagesAlsoGetAContentSecurityPolicyAndNoStore() {
        for (String path : List.of("/dashboard/sign-in", "/dashboard", "/dashboard/no-such-page")) {
            basics(given().redirects().follow(false).get(path).then())
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Cache-Control", "no-store");
        }
    }
}

package io.releaseradar.dashboard;

import static io.releaseradar.dashboard.DashboardPages.as;
import static io.releaseradar.dashboard.DashboardPages.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dashboard 404 is a readable page with a link home; an API 404 stays problem+json. */
@QuarkusTest
class DashboardNotFoundTest {

    private static ValidatableResponse notFoundPage(ValidatableResponse response) {
        return response.statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("<h1>Not found</h1>")).body(containsString("href=\"/dashboard\""))
                .body(not(containsString("\"status\"")));
    }

    @Test
    void unknownDashboardPathsProductsAndVersionsAnswerWithAPage() {
        String product = Api.uniqueProduct();
        notFoundPage(given().redirects().follow(false).get("/dashboard/no-such-page").then());

        String manager = signIn(Roles.RELEASE_MANAGER);
        notFoundPage(as(manager).get("/dashboard/no/such/page").then());
        notFoundPage(as(manager).get("/dashboard/products/{p}/versions/9.9", product).then())
                .body(containsString("No product &#39;" + product + "&#39; is known."));
        Api.as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/1.0", product).then().statusCode(201);
        as(manager).get("/dashboard/products/{p}/versions/1.0", product).then().statusCode(200);
        notFoundPage(as(manager).get("/dashboard/products/{p}/versions/<b>1.1", product).then())
                .body(containsString("No release &lt;b&gt;1.1 of " + product + "."));
        notFoundPage(as(manager).get("/dashboard/notices/not-a-notice").then());
    }

    @Test
    void apiNotFoundsStayProblemJson() {
        Api.as(Roles.ADMIN).get("/api/v1/nothing-here").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
        Api.as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", Api.uniqueProduct()).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("No product"));
        Api.as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases/9.9/health", Api.uniqueProduct()).then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}

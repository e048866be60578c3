package io.releaseradar.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import org.junit.jupiter.api.Test;

/** Outside the demo the sent-mail view does not exist: a 404 (a dashboard page, as every dashboard 404), signed in or not. */
@QuarkusTest
class SentMailViewOffTest {

    @Test
    void theSentMailViewIsADemoPageOnly() {
        DashboardPages.as(DashboardPages.signIn(Roles.RELEASE_MANAGER)).get("/dashboard/sent-mail").then()
                .statusCode(404).contentType(org.hamcrest.Matchers.startsWith("text/html"));
        io.restassured.RestAssured.given().redirects().follow(false).get("/dashboard/sent-mail").then()
                .statusCode(404);
    }
}

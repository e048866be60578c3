package io.releaseradar.dashboard;

import static io.releaseradar.dashboard.DashboardPages.as;
import static io.releaseradar.dashboard.DashboardPages.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Free-text product keys and versions ({@code 2024 R2 (build 7)}) are percent-encoded in the dashboard's links, and
 * the links lead to their pages.
 */
@QuarkusTest
class DashboardVersionLinksTest {

    @Test
    void aVersionWithSpacesAndParenthesesIsLinkedEncodedAndItsPageOpens() {
        String product = Api.uniqueProduct() + " Suite";
        String version = "2024 R2 (build 7)";
        Api.as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/{v}", product, version).then().statusCode(201);
        String manager = signIn(Roles.RELEASE_MANAGER);
        String productPath = product.replace(" ", "%20");
        String versionPath = "2024%20R2%20%28build%207%29";

        String overview = as(manager).queryParam("product", product).get("/dashboard").then().statusCode(200)
                .extract().asString();
        String link = "/dashboard/products/" + productPath + "/versions/" + versionPath;
        assertThat(overview).contains("href=\"" + link + "\"");

        String page = as(manager).urlEncodingEnabled(false).get(link).then().statusCode(200).extract().asString();
        assertThat(page).contains("<h1>" + product + " " + version);
        String compose = "/dashboard/notices/new?product=" + productPath + "&version=" + versionPath;
        assertThat(page).contains("href=\"" + compose.replace("&", "&amp;") + "\"");
        assertThat(as(manager).urlEncodingEnabled(false).get(compose).then().statusCode(200).extract().asString())
                .contains("value=\"" + product + "\"").contains("value=\"" + version + "\"");
    }
}

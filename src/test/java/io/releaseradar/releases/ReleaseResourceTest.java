package io.releaseradar.releases;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReleaseResourceTest {

    @Test
    void aReleaseIsCreatedThenUpdatedAndListedNewestFirst() {
        String product = uniqueProduct();
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-02-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/{v}", product, "2.3.2").then().statusCode(201)
                .body("product", equalTo(product)).body("version", equalTo("2.3.2"))
                .body("previousVersion", nullValue());
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z", "previousVersion", "2.3.2"))
                .put("/api/v1/products/{p}/releases/{v}", product, "2.4.0-beta.1").then().statusCode(201);
        as(Roles.ADMIN).body(Map.of("releasedAt", "2026-03-01T10:00:00+01:00", "previousVersion", "2.3.2"))
                .put("/api/v1/products/{p}/releases/{v}", product, "2.4.0-beta.1").then().statusCode(200)
                .body("releasedAt", equalTo("2026-03-01T09:00:00Z"));

        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", product).then().statusCode(200)
                .body("version", contains("2.4.0-beta.1", "2.3.2"))
                .body("releasedAt", contains("2026-03-01T09:00:00Z", "2026-02-01T09:00:00Z"))
                .body("previousVersion", contains("2.3.2", null))
                .body("health", contains(null, null));
    }
}

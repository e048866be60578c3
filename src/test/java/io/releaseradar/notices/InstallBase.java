package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;

import io.releaseradar.platform.Roles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a product's releases, customers and installations through the public API, for notice tests. */
final class InstallBase {

    final String product;
    private final List<Map<String, Object>> customers = new ArrayList<>();
    private final List<Map<String, Object>> installations = new ArrayList<>();

    InstallBase(String product) {
        this.product = product;
    }

    InstallBase release(String version, Instant releasedAt) {
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", releasedAt.toString()))
                .put("/api/v1/products/{p}/releases/{v}", product, version).then().statusCode(201);
        return this;
    }

    /** A customer with an address (the mail is {@code id@example.com}); optedOut as given. */
    InstallBase customer(String id, String name, boolean optedOut) {
        return customer(id, name, optedOut, null);
    }

    /** As {@link #customer(String, String, boolean)}, with a language tag (null: none). */
    InstallBase customer(String id, String name, boolean optedOut, String locale) {
        Map<String, Object> c = new HashMap<>();
        c.put("id", id);
        c.put("name", name);
        c.put("email", email(id));
        c.put("locale", locale);
        c.put("optedOut", optedOut);
        customers.add(c);
        return this;
    }

    InstallBase installs(String customerId, String version, Instant at) {
        installations.add(Map.of("customerId", customerId, "product", product, "version", version, "installedAt",
                at.toString()));
        return this;
    }

    InstallBase save() {
        if (!customers.isEmpty()) {
            as(Roles.INGEST).body(customers).post("/api/v1/customers/batch").then().statusCode(200);
        }
        if (!installations.isEmpty()) {
            as(Roles.INGEST).body(installations).post("/api/v1/installations/batch").then().statusCode(200);
        }
        customers.clear();
        installations.clear();
        return this;
    }

    static String email(String customerId) {
        return customerId + "@example.com";
    }
}

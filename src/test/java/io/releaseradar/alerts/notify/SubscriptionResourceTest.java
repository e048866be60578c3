package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subscription API: create, replace, read without the secret, delete; strict validation; roles. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class SubscriptionResourceTest {

    private static final String PATH = "/api/v1/subscriptions/{id}";

    private static Map<String, Object> body(String product, String minSeverity, String email, String webhookUrl,
            String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("product", product);
        body.put("minSeverity", minSeverity);
        body.put("email", email);
        body.put("webhookUrl", webhookUrl);
        body.put("webhookSecret", secret);
        return body;
    }

    private static ValidatableResponse invalid(String id, Object body) {
        return as(Roles.SUPPORT_LEAD).body(body).put(PATH, id).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(400));
    }

    @Test
    void aSubscriptionIsCreatedReplacedAndReadWithoutItsSecret() {
        String id = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(body("notes", "HIGH", "oncall@example.com", "https://hooks.example.com/r",
                        "top-secret")).put(PATH, id).then().statusCode(201)
                .body("id", equalTo(id)).body("product", equalTo("notes")).body("minSeverity", equalTo("HIGH"))
                .body("email", equalTo("oncall@example.com"))
                .body("webhookUrl", equalTo("https://hooks.example.com/r"))
                .body("webhookSecret", nullValue()).body("webhookSigned", equalTo(true))
                .body(not(containsString("top-secret")));

        // A PUT replaces everything: no product now means every product, no secret means unsigned calls.
        as(Roles.ADMIN).body(body(null, "LOW", null, "http://127.0.0.1:9/hook", null)).put(PATH, id).then()
                .statusCode(200).body("product", nullValue()).body("minSeverity", equalTo("LOW"))
                .body("email", nullValue()).body("webhookSigned", equalTo(false));

        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(200).body("product", nullValue())
                .body("webhookUrl", equalTo("http://127.0.0.1:9/hook")).body("webhookSigned", equalTo(false));
        as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions").then().statusCode(200)
                .body("findAll { it.id == '" + id + "' }", hasSize(1))
                .body("findAll { it.id == '" + id + "' }.minSeverity", hasItem("LOW"))
                .body("webhookSecret.findAll { it != null }", hasSize(0));

        as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(204);
    }

    @Test
    void theSecretIsNeverReturned() {
        String id = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(body(null, "CRITICAL", null, "https://hooks.example.com/x", "never-shown-" + id))
                .put(PATH, id).then().statusCode(201);
        try {
            as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions").then().statusCode(200)
                    .body(not(containsString("never-shown-")));
            as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(200).body(not(containsString("never-shown-")))
                    .body("webhookSigned", equalTo(true));
        } finally {
            as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(204);
        }
    }

    @Test
    void deletingTwiceOrReadingAnUnknownIdIsA404() {
        String id = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(body(id, "LOW", "a@example.com", null, null)).put(PATH, id).then()
                .statusCode(201);
        as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(204);
        as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString(id));
        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions").then().statusCode(200)
                .body("findAll { it.id == '" + id + "' }", hasSize(0));
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsStored() {
        String id = uniqueProduct();
        invalid(id, body(null, null, "a@example.com", null, null))
                .body("errors.field", hasItem("minSeverity")).body("errors.message", hasItem("is required"));
        invalid(id, body(null, "URGENT", "a@example.com", null, null))
                .body("errors.field", hasItem("minSeverity"))
                .body("errors.message", hasItem(containsString("LOW, MEDIUM, HIGH, CRITICAL")));
        invalid(id, body(null, "HIGH", null, null, null))
                .body("errors.field", hasItem("email")).body("errors.message", hasItem(containsString("webhookUrl")));
        invalid(id, body(null, "HIGH", "not-an-address", null, null)).body("errors.field", hasItem("email"));
        invalid(id, body(null, "HIGH", "two@at@example.com", null, null)).body("errors.field", hasItem("email"));
        invalid(id, body(null, "HIGH", null, "/relative/hook", null)).body("errors.field", hasItem("webhookUrl"));
        invalid(id, body(null, "HIGH", null, "ftp://example.com/hook", null))
                .body("errors.field", hasItem("webhookUrl"));
        invalid(id, body(null, "HIGH", null, "https:///no-host", null)).body("errors.field", hasItem("webhookUrl"));
        invalid(id, body(null, "HIGH", "a@example.com", null, "secret-without-hook"))
                .body("errors.field", hasItem("webhookSecret"));
        invalid(id, body(null, "HIGH", null, "https://hooks.example.com/x", "   "))
                .body("errors.field", hasItem("webhookSecret"));
        invalid(id, body("bad\nproduct", "HIGH", "a@example.com", null, null)).body("errors.field", hasItem("product"));

        Map<String, Object> unknown = body(null, "HIGH", "a@example.com", null, null);
        unknown.put("severity", "HIGH");
        invalid(id, unknown).body("errors.field", hasItem("severity"))
                .body("errors.message", hasItem(containsString("not a field")));
        Map<String, Object> wrongType = body(null, "HIGH", null, null, null);
        wrongType.put("email", 42);
        invalid(id, wrongType).body("errors.field", hasItem("email"))
                .body("errors.message", hasItem("must be a string"));
        // Every invalid field at once, not just the first.
        invalid(id, body("bad\nproduct", "URGENT", "nope", "ftp://x", null)).body("errors", hasSize(4));

        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(404);
    }

    @Test
    void theTestProfilesAllowlistLetsExactly127001AndLocalhostBeCalledOverHttp() {
        // application.properties: %test.radar.alerts.webhook-allowed-hosts=127.0.0.1,localhost (ReceiverRulesTest
        // shows the same URLs refused without it).
        String id = uniqueProduct();
        for (String url : java.util.List.of("http://127.0.0.1:9/hook", "http://localhost:9/hook",
                "http://2130706433:9/hook")) {
            as(Roles.SUPPORT_LEAD).body(body(id, "LOW", null, url, null)).put(PATH, id).then()
                    .statusCode(org.hamcrest.Matchers.in(java.util.List.of(200, 201)));
        }
        as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(204);
        for (String url : java.util.List.of("http://127.0.0.2:9/hook", "http://[::1]:9/hook",
                "https://10.0.0.1/hook", "http://hooks.example.com/hook")) {
            invalid(id, body(id, "LOW", null, url, null)).body("errors.field", hasItem("webhookUrl"));
        }
        invalid(id, body(id, "LOW", null, "https://hooks.example.com/x", "whsec_not base64!"))
                .body("errors.field", hasItem("webhookSecret"));
        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(404);
    }

    @Test
    void aBodyThatIsNotOneJsonObjectOrABadIdIsRefused() {
        String id = uniqueProduct();
        invalid(id, "[{\"minSeverity\":\"HIGH\",\"email\":\"a@example.com\"}]")
                .body("detail", containsString("JSON object"));
        invalid(id, "{\"minSeverity\":\"HIGH\",").body("detail", containsString("not valid JSON"));
        as(Roles.SUPPORT_LEAD).contentType(ContentType.JSON).put(PATH, id).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        invalid("bad\nid", body(null, "HIGH", "a@example.com", null, null)).body("errors.field", hasItem("id"));
        as(Roles.SUPPORT_LEAD).get(PATH, "bad\nid").then().statusCode(400).body("errors.field", hasItem("id"));
        as(Roles.SUPPORT_LEAD).delete(PATH, "bad\nid").then().statusCode(400);
        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(404);
    }

    @Test
    void onlySupportLeadsAndAdminsManageSubscriptions() {
        String id = uniqueProduct();
        Map<String, Object> valid = body(null, "HIGH", "a@example.com", null, null);
        RestAssured.given().contentType(ContentType.JSON).body(valid).put(PATH, id).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        as(Roles.RELEASE_MANAGER).body(valid).put(PATH, id).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        as(Roles.INGEST).get("/api/v1/subscriptions").then().statusCode(403);
        as(Roles.RELEASE_MANAGER).delete(PATH, id).then().statusCode(403);
        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(404);
    }
}

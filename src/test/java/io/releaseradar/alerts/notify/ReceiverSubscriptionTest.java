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
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A subscription's receiver kind: webhook by default; Slack and Teams need their URL; PagerDuty needs its routing
 * key (never shown again) and defaults to the Events API v2 endpoint; the URL rules of webhooks hold for every kind.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class ReceiverSubscriptionTest {

    private static final String PATH = "/api/v1/subscriptions/{id}";
    private static final String ROUTING_KEY = "e93facc04764012d7bfb002500d5d1a6";

    private static Map<String, Object> body(String kind, String webhookUrl, String routingKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("minSeverity", "HIGH");
        if (kind != null) {
            body.put("kind", kind);
        }
        body.put("webhookUrl", webhookUrl);
        body.put("routingKey", routingKey);
        return body;
    }

    private static ValidatableResponse invalid(String id, Object body, String field) {
        return as(Roles.SUPPORT_LEAD).body(body).put(PATH, id).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem(field));
    }

    @Test
    void eachKindIsStoredAndShownAndTheRoutingKeyNever() {
        String webhook = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(body(null, "https://hooks.example.com/a", null)).put(PATH, webhook).then()
                .statusCode(201).body("kind", equalTo("webhook")).body("routingKey", nullValue());

        String slack = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(body("slack", "https://hooks.slack.com/services/T0/B0/x", null))
                .put(PATH, slack).then().statusCode(201).body("kind", equalTo("slack"))
                .body("webhookUrl", equalTo("https://hooks.slack.com/services/T0/B0/x"));

        String pagerDuty = uniqueProduct();
        as(Roles.SUPPORT_LEAD).body(body("pagerduty", null, ROUTING_KEY)).put(PATH, pagerDuty).then()
                .statusCode(201).body("kind", equalTo("pagerduty"))
                .body("webhookUrl", equalTo("https://events.pagerduty.com/v2/enqueue"))
                .body("routingKey", nullValue()).body(not(containsString(ROUTING_KEY)));
        as(Roles.SUPPORT_LEAD).get(PATH, pagerDuty).then().statusCode(200).body("kind", equalTo("pagerduty"))
                .body("routingKey", nullValue()).body(not(containsString(ROUTING_KEY)));
        as(Roles.SUPPORT_LEAD).get("/api/v1/subscriptions").then().statusCode(200)
                .body("findAll { it.id == '" + slack + "' }.kind", hasItem("slack"))
                .body(not(containsString(ROUTING_KEY)));

        // Replaced by a plain webhook: the kind goes back to webhook and the key is gone.
        as(Roles.SUPPORT_LEAD).body(body(null, "https://hooks.example.com/b", null)).put(PATH, pagerDuty).then()
                .statusCode(200).body("kind", equalTo("webhook"));
        for (String id : new String[] {webhook, slack, pagerDuty}) {
            as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(204);
        }
    }

    @Test
    void whatAKindNeedsIsRequiredAndNothingIsStoredOtherwise() {
        String id = uniqueProduct();
        invalid(id, body("pagerduty", null, null), "routingKey")
                .body("errors.message", hasItem(containsString("required for kind pagerduty")));
        invalid(id, body("pagerduty", null, "too-short"), "routingKey")
                .body("errors.message", hasItem(containsString("32-character")));
        invalid(id, body("slack", null, null), "webhookUrl")
                .body("errors.message", hasItem(containsString("required for kind slack"))).body("errors", hasSize(1));
        invalid(id, body("teams", null, null), "webhookUrl");
        invalid(id, body("slack", "https://hooks.slack.com/services/T0/B0/x", ROUTING_KEY), "routingKey")
                .body("errors.message", hasItem("is only for kind pagerduty"));
        invalid(id, body("discord", "https://discord.com/api/webhooks/1/x", null), "kind")
                .body("errors.message", hasItem(containsString("webhook, slack, teams, pagerduty")));
        Map<String, Object> numericKind = body(null, "https://hooks.example.com/a", null);
        numericKind.put("kind", 3);
        invalid(id, numericKind, "kind");
        // The URL rules of webhooks hold for every kind.
        invalid(id, body("slack", "ftp://hooks.slack.com/services/T0/B0/x", null), "webhookUrl");
        invalid(id, body("pagerduty", "/v2/enqueue", ROUTING_KEY), "webhookUrl");
        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(404);

        // A bad replacement leaves the stored subscription as it was.
        as(Roles.SUPPORT_LEAD).body(body("teams", "https://example.webhook.office.com/w", null)).put(PATH, id).then()
                .statusCode(201);
        invalid(id, body("pagerduty", null, null), "routingKey");
        as(Roles.SUPPORT_LEAD).get(PATH, id).then().statusCode(200).body("kind", equalTo("teams"))
                .body("webhookUrl", equalTo("https://example.webhook.office.com/w"));
        as(Roles.SUPPORT_LEAD).delete(PATH, id).then().statusCode(204);
    }
}

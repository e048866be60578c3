package io.releaseradar.intake;

import static io.releaseradar.intake.IntakeCalls.bytes;
import static io.releaseradar.intake.IntakeCalls.zendesk;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.Metrics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zendesk's ticket event webhooks, shaped and signed as Zendesk documents them (see {@link IntakeSamples}), posted
 * without a bearer token to /intake/{source}.
 */
@QuarkusTest
class ZendeskIntakeTest {

    @Inject
    AgroalDataSource ds;

    private static String connect(String product) {
        return IntakeCalls.connect("zd", """
                {"format":"zendesk","secret":"%s","product":"%s","mapping":null,"channels":{"web_service":"web"}}"""
                .formatted(IntakeCalls.SECRET, product));
    }

    private List<List<Object>> contacts(String source) {
        return Db.rows(ds, "SELECT external_id, received_at, channel, customer_id, product, version, version_origin, "
                + "category, subject, body FROM contact WHERE source = ? ORDER BY external_id", source);
    }

    @Test
    void aTicketAndACustomersCommentAreStoredOnceEachAndCountedLikeRestContacts() {
        String product = Api.uniqueProduct();
        String source = connect(product);
        ObjectNode created = IntakeSamples.load("zendesk-ticket-created.json");
        ((ObjectNode) created.get("detail")).putArray("tags").add("version:3.3.0").add("category:sync");
        byte[] body = bytes(created);

        zendesk(source, body, Instant.now()).statusCode(202).contentType(ContentType.JSON)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        zendesk(source, body, Instant.now()).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        zendesk(source, bytes(IntakeSamples.load("zendesk-ticket-comment-added.json")), Instant.now()).statusCode(202)
                .body("accepted", equalTo(1));

        List<List<Object>> rows = contacts(source);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(List.of("5158", "web", "8447346622462", product, "3.3.0", "GIVEN", "sync",
                "ticketinfo_2294a6e9ece2", "ticket_info_desc_2294a6e9ece2"), without(rows.get(0), 1));
        assertEquals(Instant.parse("2025-01-08T10:12:07Z"), instant(rows.get(0).get(1)));
        assertEquals("5158-10001", rows.get(1).get(0));
        assertEquals(Instant.parse("2025-01-08T14:25:30.123456Z"), instant(rows.get(1).get(1)));
        assertEquals("comment_body_2294a6e9ece2", rows.get(1).get(9));
        assertEquals(2.0, Metrics.contacts("accepted", source, "rest"));
        assertEquals(1.0, Metrics.contacts("duplicate", source, "rest"));
    }

    @Test
    void withoutAVersionTagTheVersionIsTheOrganisationsInstallation() {
        String product = Api.uniqueProduct();
        String source = connect(product);
        Api.as(Roles.INGEST).body(List.of(Map.of("customerId", "8447346622462", "product", product,
                "version", "3.2.0", "installedAt", "2025-01-01T00:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted", equalTo(1));
        zendesk(source, bytes(IntakeSamples.load("zendesk-ticket-created.json")), Instant.now()).statusCode(202)
                .body("accepted", equalTo(1));
        assertEquals(List.of("3.2.0", "INSTALLATION"), contacts(source).get(0).subList(5, 7));
    }

    @Test
    void aWrongOrStaleOrMissingSignatureIs401AndStoresNothing() {
        String source = connect(Api.uniqueProduct());
        byte[] body = bytes(IntakeSamples.load("zendesk-ticket-created.json"));
        String timestamp = Instant.now().toString();
        byte[] tampered = bytes(IntakeSamples.load("zendesk-ticket-created.json").put("account_id", 1));
        RestAssured.given().contentType(ContentType.JSON)
                .header("X-Zendesk-Webhook-Signature", IntakeCalls.zendeskSignature(timestamp, body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .body(tampered).post("/intake/" + source).then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("does not match"));
        zendesk(source, body, Instant.now().minus(Duration.ofMinutes(6))).statusCode(401)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("5 minutes"));
        zendesk(source, body, Instant.now().plus(Duration.ofMinutes(6))).statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body(body).post("/intake/" + source).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(List.of(), contacts(source));
    }

    @Test
    void aHelpdeskThatSendsItsOwnAuthorizationHeaderIsJudgedByItsSignatureOnly() {
        String source = connect(Api.uniqueProduct());
        byte[] body = bytes(IntakeSamples.load("zendesk-ticket-created.json"));
        String timestamp = Instant.now().toString();
        RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Basic dXNlcjpwYXNzd29yZA==")
                .header("X-Zendesk-Webhook-Signature", IntakeCalls.zendeskSignature(timestamp, body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .body(body).post("/intake/" + source).then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void anUnknownSourceIs404() {
        zendesk("zd-nobody-connected-this", bytes(IntakeSamples.load("zendesk-ticket-created.json")), Instant.now())
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
        zendesk("not a source", bytes(IntakeSamples.load("zendesk-ticket-created.json")), Instant.now())
                .statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anEventWithoutTicketIdIsNamedStoresNothingAndCountsAsRejected() {
        String source = connect(Api.uniqueProduct());
        ObjectNode event = IntakeSamples.load("zendesk-ticket-created.json");
        ((ObjectNode) event.get("detail")).remove("id");
        zendesk(source, bytes(event), Instant.now()).statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("externalId"))
                .body("errors[0].message", containsString("detail.id"));
        ObjectNode badVersion = IntakeSamples.load("zendesk-ticket-created.json");
        // versions are free text (contract): only a control character or a 101st character makes one invalid
        ((ObjectNode) badVersion.get("detail")).putArray("tags").add("version:" + "9".repeat(101));
        zendesk(source, bytes(badVersion), Instant.now()).statusCode(400).body("errors[0].field", equalTo("version"));
        assertEquals(List.of(), contacts(source));
        assertEquals(2.0, Metrics.contacts("rejected", source, "rest"));
    }

    @Test
    void anAgentsCommentIsAcceptedAsNoContact() {
        String source = connect(Api.uniqueProduct());
        ObjectNode event = IntakeSamples.load("zendesk-ticket-comment-added.json");
        ((ObjectNode) event.at("/event/comment/author")).put("is_staff", true);
        zendesk(source, bytes(event), Instant.now()).statusCode(202)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(0));
        assertEquals(List.of(), contacts(source));
    }

    private static List<Object> without(List<Object> row, int index) {
        List<Object> copy = new java.util.ArrayList<>(row);
        copy.remove(index);
        return Arrays.asList(copy.toArray());
    }

    private static Instant instant(Object timestamptz) {
        return timestamptz instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) timestamptz).toInstant();
    }
}

package io.releaseradar.intake;

import static io.releaseradar.intake.IntakeCalls.bytes;
import static io.releaseradar.intake.IntakeCalls.radar;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Problem;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/intake.md: the PUT body there, the sample payload there, the contact stored. */
@QuarkusTest
class MappingIntakeTest {

    /** docs/intake.md, Freshdesk (product replaced by the test's own). */
    static final String FRESHDESK = """
            {"format": "mapping", "secret": "%s", "product": "%s",
             "mapping": {"externalId": "/freshdesk_webhook/ticket_id",
                         "customerId": "/freshdesk_webhook/ticket_company_name",
                         "version": "/freshdesk_webhook/ticket_cf_version",
                         "category": "/freshdesk_webhook/ticket_cf_category",
                         "subject": "/freshdesk_webhook/ticket_subject",
                         "body": "/freshdesk_webhook/ticket_description",
                         "channel": "/freshdesk_webhook/ticket_source"},
             "channels": {"Email": "email", "Portal": "web", "Phone": "phone", "Chat": "chat",
                          "Feedback Widget": "web", "Mobihelp": "web", "Outbound Email": "email"}}""";
    /** docs/intake.md, Jira Service Management. */
    static final String JSM = """
            {"format": "mapping", "secret": "%s", "product": "%s",
             "mapping": {"externalId": "/issue/key",
                         "receivedAt": "/issue/fields/created",
                         "customerId": "/issue/fields/customfield_10002/0/name",
                         "version": "/issue/fields/versions/0/name",
                         "category": "/issue/fields/components/0/name",
                         "subject": "/issue/fields/summary",
                         "body": "/issue/fields/description"},
             "channels": null}""";

    @Inject
    AgroalDataSource ds;

    private List<List<Object>> contacts(String source) {
        return Db.rows(ds, "SELECT external_id, received_at, channel, customer_id, product, version, category, "
                + "subject, body FROM contact WHERE source = ?", source);
    }

    @Test
    void theFreshdeskExampleIsStoredAsTheDocsSay() {
        String product = Api.uniqueProduct();
        String source = IntakeCalls.connect("freshdesk", FRESHDESK.formatted(IntakeCalls.SECRET, product));
        Instant before = Instant.now();
        radar(source, bytes(IntakeSamples.load("freshdesk-ticket-created.json"))).statusCode(202)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        List<List<Object>> rows = contacts(source);
        assertEquals(1, rows.size());
        List<Object> row = rows.get(0);
        assertEquals(List.of("11", "web", "Acme Ltd", product, "3.3.0", "Sync", "Notes vanished after the update",
                "<div>Since this morning's update all my notes from last week are gone.</div>"),
                List.of(row.get(0), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6), row.get(7),
                        row.get(8)));
        Instant receivedAt = instant(row.get(1));
        assertTrue(!receivedAt.isBefore(before.minus(Duration.ofSeconds(1)))
                && !receivedAt.isAfter(Instant.now()), "dated when it arrived: " + receivedAt);
    }

    @Test
    void theJiraServiceManagementExampleIsStoredAsTheDocsSay() {
        String product = Api.uniqueProduct();
        String source = IntakeCalls.connect("jsm", JSM.formatted(IntakeCalls.SECRET, product));
        byte[] body = bytes(IntakeSamples.load("jsm-issue-created.json"));
        radar(source, body).statusCode(202).body("accepted", equalTo(1));
        radar(source, body).statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        List<Object> row = contacts(source).get(0);
        assertEquals(List.of("SP-53", "other", "Acme Ltd", product, "3.3.0", "Sync", "Sync lost my notes",
                "After updating to 3.3.0 the notes I wrote last week are gone."),
                List.of(row.get(0), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6), row.get(7),
                        row.get(8)));
        assertEquals(Instant.parse("2022-02-18T09:50:11.662Z"), instant(row.get(1)));
    }

    @Test
    void aWrongOrMissingRadarSignatureIs401AndStoresNothing() {
        String source = IntakeCalls.connect("jsm", JSM.formatted(IntakeCalls.SECRET, Api.uniqueProduct()));
        byte[] body = bytes(IntakeSamples.load("jsm-issue-created.json"));
        RestAssured.given().contentType(ContentType.JSON).header("X-Radar-Signature", "sha256=" + "0".repeat(64))
                .body(body).post("/intake/" + source).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        RestAssured.given().contentType(ContentType.JSON).body(body).post("/intake/" + source).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("X-Radar-Signature"));
        assertEquals(List.of(), contacts(source));
    }

    @Test
    void aPayloadWithoutWhatAPointerNeedsIsNamedAndStoresNothing() {
        String source = IntakeCalls.connect("jsm", JSM.formatted(IntakeCalls.SECRET, Api.uniqueProduct()));
        ObjectNode payload = IntakeSamples.load("jsm-issue-created.json");
        ((ObjectNode) payload.get("issue")).remove("key");
        ((ObjectNode) payload.at("/issue/fields")).remove("created");
        radar(source, bytes(payload)).statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", equalTo(List.of("externalId", "receivedAt")))
                .body("errors[0].message", equalTo("the pointer /issue/key finds nothing in the payload"));
        radar(source, "[1]".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(List.of(), contacts(source));
    }

    private static Instant instant(Object timestamptz) {
        return timestamptz instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) timestamptz).toInstant();
    }
}

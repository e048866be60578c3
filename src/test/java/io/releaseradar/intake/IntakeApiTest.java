package io.releaseradar.intake;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PUT/GET/DELETE /api/v1/intake/{source}: admin only, validated, the secret never shown. */
@QuarkusTest
class IntakeApiTest {

    private static final String SECRET = "a-secret-of-more-than-16-characters";

    @Inject
    AgroalDataSource ds;

    private static String source() {
        return "hd-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long stored(String source) {
        return Db.count(ds, "SELECT count(*) FROM intake_source WHERE source = ?", source);
    }

    @Test
    void anIntakeIsCreatedReplacedReadWithoutItsSecretAndDeleted() {
        String source = source();
        String path = "/api/v1/intake/" + source;
        String body = """
                {"format":"mapping","secret":"%s","product":"notes",
                 "mapping":{"externalId":"/ticket/id","subject":"/ticket/a~1b"},"channels":{"Portal":"web"}}"""
                .formatted(SECRET);
        Api.as(Roles.ADMIN).body(body).put(path).then().statusCode(201)
                .body("source", equalTo(source)).body("format", equalTo("mapping"))
                .body("mapping.subject", equalTo("/ticket/a~1b")).body("secret", nullValue());
        Api.as(Roles.ADMIN).body("""
                {"format":"zendesk","secret":"%s","product":"notes2","mapping":null,"channels":null}"""
                .formatted(SECRET + "-2")).put(path).then().statusCode(200).body("format", equalTo("zendesk"));
        String read = Api.as(Roles.ADMIN).get(path).then().statusCode(200)
                .body("product", equalTo("notes2")).body("mapping", nullValue()).extract().asString();
        assertEquals(-1, read.indexOf(SECRET), "GET must not show the secret: " + read);
        assertEquals(SECRET + "-2", Db.rows(ds, "SELECT secret FROM intake_source WHERE source = ?", source)
                .get(0).get(0));

        Api.as(Roles.ADMIN).delete(path).then().statusCode(204);
        Api.as(Roles.ADMIN).get(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        Api.as(Roles.ADMIN).delete(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void onlyAnAdminConnectsAHelpdesk() {
        String path = "/api/v1/intake/" + source();
        String body = "{\"format\":\"zendesk\",\"secret\":\"" + SECRET + "\",\"product\":\"notes\"}";
        RestAssured.given().contentType(ContentType.JSON).body(body).put(path).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        Api.as(Roles.INGEST).body(body).put(path).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        Api.as(Roles.SUPPORT_LEAD).get(path).then().statusCode(403);
        RestAssured.given().get(path).then().statusCode(401);
    }

    @Test
    void malformedPointersAndMissingPartsAreNamedAndNothingIsStored() {
        String source = source();
        String path = "/api/v1/intake/" + source;
        Api.as(Roles.ADMIN).body("""
                {"format":"mapping","secret":"%s","product":"notes",
                 "mapping":{"externalId":"ticket/id","subject":"/a~2b","body":"","colour":"/c","version":7},
                 "channels":{"Portal":"website"},"extra":1}""".formatted(SECRET))
                .put(path).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", equalTo(java.util.List.of("channels.Portal", "extra", "mapping.body",
                        "mapping.colour", "mapping.externalId", "mapping.subject", "mapping.version")));
        Api.as(Roles.ADMIN).body("{\"format\":\"mapping\",\"secret\":\"" + SECRET + "\",\"product\":\"notes\"}")
                .put(path).then().statusCode(400).body("errors.field", equalTo(java.util.List.of("mapping")));
        Api.as(Roles.ADMIN).body("{\"format\":\"mapping\",\"secret\":\"" + SECRET + "\",\"product\":\"notes\","
                + "\"mapping\":{\"subject\":\"/s\"}}")
                .put(path).then().statusCode(400).body("errors.field", equalTo(java.util.List.of("mapping.externalId")));
        Api.as(Roles.ADMIN).body("{\"format\":\"zendesk\",\"secret\":\"short\"}")
                .put(path).then().statusCode(400).body("errors.field", equalTo(java.util.List.of("product", "secret")));
        Api.as(Roles.ADMIN).body("{\"format\":\"freshdesk\",\"secret\":\"" + SECRET + "\",\"product\":\"notes\"}")
                .put(path).then().statusCode(400).body("errors.field", equalTo(java.util.List.of("format")));
        Api.as(Roles.ADMIN).body("{\"format\":\"zendesk\",\"secret\":\"" + SECRET + "\",\"product\":\"notes\"}")
                .put("/api/v1/intake/has%20space").then().statusCode(400)
                .body("errors.field", equalTo(java.util.List.of("source")));
        assertEquals(0, stored(source));
    }
}

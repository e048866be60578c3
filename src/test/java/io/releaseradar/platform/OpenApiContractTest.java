package io.releaseradar.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code openapi/openapi.yaml} is what {@code /q/openapi} serves, compared as parsed trees (key order
 * and formatting do not matter). After a deliberate API change, regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true} and review the diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

    @Test
    void servedDocumentEqualsTheCommittedOne() throws Exception {
        String served = RestAssured.given().accept("application/yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, "# Generated from /q/openapi by OpenApiContractTest; review before committing.\n"
                    + served);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(Files.readString(COMMITTED));
        JsonNode actual = yaml.readTree(served);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi-served.yaml"), served);
        assertEquals(expected, actual, "openapi/openapi.yaml differs from /q/openapi (served copy in "
                + "target/openapi-served.yaml); if the change is intended, regenerate as this class says");
    }

    @Test
    void everyContractOperationOfThisStageIsServed() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMMITTED));
        JsonNode paths = doc.get("paths");
        assertTrue(paths.path("/api/v1/products/{product}/releases/{version}").has("put"));
        assertTrue(paths.path("/api/v1/products/{product}/releases").has("get"));
        assertTrue(paths.path("/api/v1/customers/batch").has("post"));
        assertTrue(paths.path("/api/v1/installations/batch").has("post"));
        assertTrue(paths.path("/api/v1/contacts").has("post"));
        assertTrue(paths.path("/api/v1/contacts/batch").has("post"));
    }
}

package io.releaseradar.platform;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.OutageDatabaseResource;
import io.restassured.RestAssured;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The database goes away and comes back while the service runs: readiness follows, ingestion recovers. */
@QuarkusTest
@QuarkusTestResource(value = OutageDatabaseResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    private static int readiness() {
        return RestAssured.given().get("/q/health/ready").statusCode();
    }

    @Test
    void readinessGoesDownAndUpAndIngestionResumesWithoutRestart() {
        String product = uniqueProduct();
        as(Roles.INGEST).body(Contacts.contact(product, "before", "2026-03-01T10:00:00Z"))
                .post("/api/v1/contacts").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);

        long stopped = System.nanoTime();
        OutageDatabaseResource.postgres().stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 503);
        double down = (System.nanoTime() - stopped) / 1e9;
        RestAssured.given().get("/q/health/ready").then().body("status", equalTo("DOWN"));
        // While it is down, a write fails cleanly: 503 problem+json, nothing internal in the body.
        as(Roles.INGEST).body(Contacts.contact(product, "during", "2026-03-01T10:05:00Z"))
                .post("/api/v1/contacts").then().statusCode(503).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", not(equalTo(null)))
                .body("detail", not(containsString("jdbc"))).body("detail", not(containsString("Exception")));

        long started = System.nanoTime();
        OutageDatabaseResource.postgres().startAgain();
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
        double up = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(Roles.INGEST).body(Contacts.contact(product, "during", "2026-03-01T10:05:00Z"))
                        .post("/api/v1/contacts").then().statusCode(anyOf(equalTo(201), equalTo(200))));
        as(Roles.INGEST).body(Contacts.contact(product, "after", "2026-03-01T10:10:00Z"))
                .post("/api/v1/contacts").then().statusCode(201);
        as(Roles.INGEST).body(Contacts.contact(product, "before", "2026-03-01T10:00:00Z"))
                .post("/api/v1/contacts").then().statusCode(200).body("duplicate", equalTo(true));
        System.out.printf("DatabaseOutageTest: readiness DOWN %.1f s after PostgreSQL stopped, UP %.1f s after it "
                + "started again; writes meanwhile 503 problem+json%n", down, up);
    }
}

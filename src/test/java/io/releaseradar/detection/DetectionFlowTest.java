package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import io.releaseradar.testsupport.IncidentWorld;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole detection path over the public API: releases, installs and contacts in; evaluation, alerts, health and
 * backtests out. Three versions of 100 customers each; version 1.2 starts losing notes on day 9.
 */
@QuarkusTest
class DetectionFlowTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    HealthCache healthCache;

    private String product;
    private Instant t0;
    private Instant incident;
    private Instant asOf;
    private IncidentWorld world;

    @BeforeEach
    void load() {
        world = IncidentWorld.load(Api::as);
        product = world.product();
        t0 = world.t0();
        incident = world.incident();
        asOf = world.asOf();
    }

    private String customer(int i) {
        return world.customer(i);
    }

    private JsonPath evaluate(Instant at) {
        return as(Roles.ADMIN).body(Map.of("asOf", at.toString())).post("/api/v1/detection/evaluate").then()
                .statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> mine(JsonPath result, String list) {
        return result.<Map<String, Object>>getList(list).stream().filter(a -> product.equals(a.get("product")))
                .toList();
    }

    private JsonPath backtest(Instant from, Instant to) {
        return as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", from.toString(), "to",
                to.toString(), "step", "PT1H")).post("/api/v1/backtests").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aBadVersionIsFoundLiveAndInReplayAtTheSameHourWithEvidenceAndHealth() {
        // replay first: no side effects, and it tells the hour a live scheduler would have opened the alert
        JsonPath replay = backtest(t0.plus(Duration.ofDays(8)), asOf);
        assertThat(replay.getInt("evaluations")).isEqualTo(24 + 14);
        assertThat(replay.getList("alerts")).hasSize(1);
        assertThat(replay.getString("alerts[0].version")).isEqualTo("1.2");
        Instant opened = Instant.parse(replay.getString("alerts[0].openedAt"));
        assertThat(opened).isAfter(incident).isBefore(asOf);
        assertThat(Db.count(dataSource, "select count(*) from alert where product = ?", product)).isZero();

        // live, an hour earlier: nothing yet; at that hour: the same alert
        assertThat(mine(evaluate(opened.minus(Duration.ofHours(1))), "opened")).isEmpty();
        List<Map<String, Object>> live = mine(evaluate(opened), "opened");
        assertThat(live).hasSize(1);
        assertThat(live.get(0)).containsEntry("version", "1.2").containsEntry("openedAt", opened.toString())
                .containsEntry("status", "OPEN");

        JsonPath later = evaluate(asOf);
        assertThat(mine(later, "opened")).isEmpty();
        // the same asOf again changes nothing
        JsonPath again = evaluate(asOf);
        assertThat(mine(again, "opened")).isEmpty();
        assertThat(mine(again, "updated")).isEmpty();

        JsonPath alert = as(Roles.SUPPORT_LEAD).queryParam("product", product).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(alert.getList("$")).hasSize(1);
        assertThat(alert.getString("[0].severity")).isEqualTo("CRITICAL");
        // many phrases of the same 24 contacts tie; the summary names one with the critical word, and lists the
        // other spellings of that complaint once
        assertThat(alert.getString("[0].summary")).matches(java.util.regex.Pattern.quote(product)
                + " 1\\.2: \"[a-z ]*lost[a-z ]*\"( \\(also [^)]*\\))? from 2[0-9] customers in .*, [0-9.]+x the other versions \\(.*");
        assertThat(alert.getList("[0].signals")).isNotEmpty();
        assertThat(alert.getString("[0].signals[0].window")).startsWith("PT");
        List<String> subjects = alert.getList("[0].sampleContacts.subject");
        assertThat(subjects).hasSizeBetween(3, 5).allMatch(s -> s.startsWith("Lost notes"));

        as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "1.2").then().statusCode(200)
                .body("status", equalTo("CRITICAL")).body("enoughData", equalTo(true))
                .body("activeInstalls", equalTo(100));
        JsonPath healthy = as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "1.0").then().statusCode(200)
                .extract().jsonPath();
        assertThat(healthy.getString("status")).isEqualTo("HEALTHY");
        assertThat(healthy.getDouble("rateRatio")).isLessThan(1.5);
        // the release list carries the stored health of the latest evaluation
        JsonPath list = as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", product).then()
                .statusCode(200).extract().jsonPath();
        assertThat(list.getString("find { it.version == '1.2' }.health.status")).isEqualTo("CRITICAL");
        assertThat(list.getString("find { it.version == '1.0' }.health.status")).isEqualTo("HEALTHY");
    }

    @Test
    void storedHealthIsTheLatestEvaluationsAtOnceHereAndAnotherReplicasWithinTheRefresh() throws Exception {
        String path = "/api/v1/products/{p}/releases/{v}/health";
        Instant earlier = asOf.minus(Duration.ofDays(2));
        evaluate(earlier);
        as(Roles.RELEASE_MANAGER).get(path, product, "1.0").then().statusCode(200)
                .body("asOf", equalTo(earlier.toString()));
        // an evaluation in this replica replaces what it served from memory before the call returns
        evaluate(asOf);
        // from memory: read once after the evaluation, then the same map again without a database read
        assertThat(healthCache.latest(product)).isSameAs(healthCache.latest(product));
        as(Roles.RELEASE_MANAGER).get(path, product, "1.0").then().statusCode(200)
                .body("asOf", equalTo(asOf.toString()));
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", product).then().statusCode(200)
                .body("find { it.version == '1.0' }.health.asOf", equalTo(asOf.toString()));

        // another replica's evaluation reaches this one's memory within radar.detection.health-cache-refresh (1 s)
        Instant later = asOf.plus(Duration.ofHours(1));
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("""
                UPDATE release_health SET as_of = ?, health = jsonb_set(health, '{asOf}', to_jsonb(?::text))
                 WHERE product = ? AND version = '1.0'""")) {
            s.setTimestamp(1, java.sql.Timestamp.from(later));
            s.setString(2, later.toString());
            s.setString(3, product);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        long start = System.nanoTime();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> later.toString().equals(as(Roles.RELEASE_MANAGER).get(path, product, "1.0").then()
                        .statusCode(200).extract().path("asOf")));
        System.out.printf("stored health: another replica's evaluation served after %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    void storedHealthFromMemoryIsTheSameJsonAsTheHealthComputedAsOfTheSameInstant() {
        String path = "/api/v1/products/{p}/releases/{v}/health";
        evaluate(asOf);
        for (String v : List.of("1.0", "1.2")) {
            String computed = as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString()).get(path, product, v)
                    .then().statusCode(200).contentType("application/json").extract().asString();
            as(Roles.RELEASE_MANAGER).get(path, product, v).then().statusCode(200); // held in memory from here on
            String stored = as(Roles.RELEASE_MANAGER).get(path, product, v).then().statusCode(200)
                    .contentType("application/json").extract().asString();
            assertThat(stored).isEqualTo(computed);
        }
    }

    @Test
    void badRequestsAreProblemsAndChangeNothing() {
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", t0.toString(), "to", asOf.toString(),
                "step", "1h")).post("/api/v1/backtests").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("step"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", t0.toString(),
                "to", t0.plus(Duration.ofHours(5000)).toString(), "step", "PT1H")).post("/api/v1/backtests").then()
                .statusCode(400).body("detail", containsString("cannot run"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "from", asOf.toString(), "to", t0.toString(),
                "step", "PT1H")).post("/api/v1/backtests").then().statusCode(400).body("errors[0].field",
                        equalTo("to"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", "nope-" + product, "from", t0.toString(),
                "to", asOf.toString(), "step", "PT1H")).post("/api/v1/backtests").then().statusCode(404);
        as(Roles.ADMIN).body(Map.of()).post("/api/v1/detection/evaluate").then().statusCode(400)
                .contentType("application/problem+json");
        as(Roles.ADMIN).body(Map.of("asOf", "2031-01-01T00:00:00")).post("/api/v1/detection/evaluate").then()
                .statusCode(400);
        as(Roles.RELEASE_MANAGER).queryParam("asOf", "yesterday")
                .get("/api/v1/products/{p}/releases/{v}/health", product, "1.2").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases/{v}/health", product, "9.9").then()
                .statusCode(404).contentType("application/problem+json");
        assertThat(Db.count(dataSource, "select count(*) from alert where product = ?", product)).isZero();
    }

    @Test
    void theHealthOfATinyVersionSaysNotEnoughData() {
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", incident.toString(), "previousVersion", "1.2"))
                .put("/api/v1/products/{p}/releases/{v}", product, "2.0-beta").then().statusCode(201);
        as(Roles.INGEST).body(List.of(Map.of("customerId", customer(0), "product", product, "version", "2.0-beta",
                "installedAt", incident.toString()))).post("/api/v1/installations/batch").then().statusCode(200);
        as(Roles.RELEASE_MANAGER).queryParam("asOf", asOf.toString())
                .get("/api/v1/products/{p}/releases/{v}/health", product, "2.0-beta").then().statusCode(200)
                .body("enoughData", equalTo(false)).body("activeInstalls", equalTo(1));
    }
}

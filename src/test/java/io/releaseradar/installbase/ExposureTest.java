package io.releaseradar.installbase;

import static io.releaseradar.testsupport.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exposure from the hourly install counts equals what the installation history itself says, in event time. */
@QuarkusTest
class ExposureTest {

    @Inject
    Exposure exposure;

    @Inject
    AgroalDataSource dataSource;

    private static Map<String, Object> install(String customer, String product, String version, String at) {
        return Map.of("customerId", customer, "product", product, "version", version, "installedAt", at);
    }

    /** The same changes, straight from the installation rows. */
    private List<Exposure.Change> fromHistory(String product, Instant asOf) {
        return Db.rows(dataSource, """
                SELECT version, h, sum(n)::bigint FROM (
                  SELECT version, date_trunc('hour', installed_at - interval '1 microsecond') + interval '1 hour' h, 1 n
                    FROM installation WHERE product = ? AND installed_at <= ?
                  UNION ALL
                  SELECT version, date_trunc('hour', ended_at - interval '1 microsecond') + interval '1 hour', -1
                    FROM installation WHERE product = ? AND ended_at <= ?) x
                GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2""",
                product, Timestamp.from(asOf), product, Timestamp.from(asOf)).stream()
                .map(r -> new Exposure.Change((String) r.get(0), ((Timestamp) r.get(1)).toInstant(), (Long) r.get(2)))
                .toList();
    }

    @Test
    void hourlyCountsFollowTheHistoryThroughOutOfOrderArrivals() {
        String product = Api.uniqueProduct();
        as(Roles.INGEST).body(List.of(install("a", product, "1.0", "2026-03-01T10:30:00Z"),
                install("a", product, "3.0", "2026-03-03T09:00:00Z"),
                install("b", product, "1.0", "2026-03-01T11:00:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200);
        // arrives late, in the middle of a's history: 1.0 now ends at 2.0, and 2.0 at 3.0
        as(Roles.INGEST).body(List.of(install("a", product, "2.0", "2026-03-02T12:15:00Z")))
                .post("/api/v1/installations/batch").then().statusCode(200);

        Instant late = Instant.parse("2026-03-05T00:00:00Z");
        assertThat(exposure.changes(product, late)).isEqualTo(fromHistory(product, late)).containsExactly(
                new Exposure.Change("1.0", Instant.parse("2026-03-01T11:00:00Z"), 2),
                new Exposure.Change("1.0", Instant.parse("2026-03-02T13:00:00Z"), -1),
                new Exposure.Change("2.0", Instant.parse("2026-03-02T13:00:00Z"), 1),
                new Exposure.Change("2.0", Instant.parse("2026-03-03T09:00:00Z"), -1),
                new Exposure.Change("3.0", Instant.parse("2026-03-03T09:00:00Z"), 1));
        // as of an earlier instant, nothing after it: 2.0 has begun, 3.0 has not
        Instant earlier = Instant.parse("2026-03-02T20:00:00Z");
        assertThat(exposure.changes(product, earlier)).isEqualTo(fromHistory(product, earlier)).hasSize(3);
    }
}

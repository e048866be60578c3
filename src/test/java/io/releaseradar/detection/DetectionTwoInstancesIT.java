package io.releaseradar.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Api;
import io.releaseradar.testsupport.Contacts;
import io.releaseradar.testsupport.ServiceProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one database, detection every second in both, share the products of
 * each turn: both evaluate some, no product is ever evaluated by both at the same time nor twice in one interval, and
 * every product is evaluated; after one instance is killed (-9), the survivor evaluates them all. Evidence: the
 * {@code detection_run} rows (instance, started/finished by the database's clock) the instances write.
 */
class DetectionTwoInstancesIT {

    static final int PRODUCTS = 6;

    private final List<ServiceProcess> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ServiceProcess::close);
    }

    @Test
    void bothInstancesShareTheProductsNeverTheSameAtOnceAndTheSurvivorTakesAllAfterAKill() throws Exception {
        ServiceProcess a = start("a");
        ServiceProcess b = start("b");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> products = IntStream.range(0, PRODUCTS).mapToObj(i -> Api.uniqueProduct()).toList();
        for (String p : products) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Map<String, Object> c = Contacts.contact(p, p + "-" + i, now.minus(Duration.ofHours(2 + i)).toString());
                c.put("version", i % 2 == 0 ? "1.0.0" : "1.1.0");
                batch.add(c);
            }
            a.as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200);
        }

        try (Connection db = DriverManager.getConnection(ServiceProcess.baseConfig().get("quarkus.datasource.jdbc.url"),
                "postgres", "")) {
            await("every product evaluated, some by each instance").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        List<Run> runs = runs(db, products);
                        return runs.stream().map(Run::product).collect(Collectors.toSet()).size() == PRODUCTS
                                && runs.stream().map(Run::instance).collect(Collectors.toSet())
                                        .equals(Set.of("a", "b"));
                    });
            // a few more intervals of both together
            Instant mark = dbNow(db);
            await().atMost(Duration.ofSeconds(60)).until(() -> runs(db, products).stream()
                    .filter(r -> r.startedAt().isAfter(mark)).count() >= 3L * PRODUCTS);
            List<Run> together = runs(db, products);
            Map<String, Long> perInstance = together.stream().collect(Collectors.groupingBy(Run::instance,
                    Collectors.counting()));
            System.out.printf("DetectionTwoInstancesIT: %d runs of %d products, per instance %s%n",
                    together.size(), PRODUCTS, perInstance);
            assertThat(perInstance.keySet()).containsExactlyInAnyOrder("a", "b");
            assertNeverTwiceAtOnceNorTwicePerInterval(together);

            b.kill();
            Instant killed = dbNow(db);
            await("the survivor evaluates every product").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> runs(db, products).stream()
                            .filter(r -> r.startedAt().isAfter(killed) && r.instance().equals("a"))
                            .map(Run::product).collect(Collectors.toSet()).size() == PRODUCTS);
            List<Run> all = runs(db, products);
            assertThat(all).filteredOn(r -> r.startedAt().isAfter(killed)).extracting(Run::instance)
                    .containsOnly("a");
            assertNeverTwiceAtOnceNorTwicePerInterval(all);
        }
    }

    private static void assertNeverTwiceAtOnceNorTwicePerInterval(List<Run> runs) {
        Map<String, List<Run>> byProduct = runs.stream().collect(Collectors.groupingBy(Run::product));
        byProduct.forEach((product, list) -> {
            for (int i = 1; i < list.size(); i++) {
                Run before = list.get(i - 1);
                Run after = list.get(i);
                assertThat(after.startedAt()).as("%s: %s started before %s finished", product, after, before)
                        .isAfterOrEqualTo(before.finishedAt());
            }
            // one interval = one second: at most one run per product and second of asOf
            assertThat(list.stream().map(r -> r.asOf().truncatedTo(ChronoUnit.SECONDS)))
                    .as("%s evaluated once per interval", product).doesNotHaveDuplicates();
        });
    }

    private ServiceProcess start(String name) {
        Map<String, String> config = new HashMap<>(ServiceProcess.baseConfig());
        config.put("radar.detection.interval", "1s");
        config.put("radar.detection.instance-name", name);
        ServiceProcess p = ServiceProcess.start("detection-instance-" + name, config);
        instances.add(p);
        return p;
    }

    record Run(String product, Instant asOf, String instance, Instant startedAt, Instant finishedAt) {
    }

    /** The products' runs, oldest first. */
    private static List<Run> runs(Connection db, List<String> products) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                SELECT product, as_of, instance, started_at, finished_at FROM detection_run
                 WHERE product = ANY (?) ORDER BY product, started_at""")) {
            s.setArray(1, db.createArrayOf("text", products.toArray()));
            List<Run> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Run(r.getString(1), r.getTimestamp(2).toInstant(), r.getString(3),
                            r.getTimestamp(4).toInstant(), r.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }

    private static Instant dbNow(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT clock_timestamp()"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }
}

package io.releaseradar.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where an evaluation's database time goes: the queries one evaluation of the product runs (the same SQL as
 * {@code StoredDetectionSource} and {@code Exposure}, copied here because those classes are internal to the service),
 * each timed over JDBC (best of 3) at one asOf, and their {@code EXPLAIN (ANALYZE, BUFFERS)} written to a file.
 */
final class QueryProfile {

    private static final String HOURLY = """
            SELECT version, hour, customers FROM hourly_rollup
             WHERE product = ? AND hour >= ? AND hour < ? AND symptom = ?""";
    private static final String WINDOWS = """
            SELECT version, symptom, sum(customers) FILTER (WHERE hour >= ?)::bigint,
                   sum(customers) FILTER (WHERE hour >= ?)::bigint, sum(customers) FILTER (WHERE hour >= ?)::bigint
              FROM hourly_rollup WHERE product = ? AND hour >= ? AND hour < ? GROUP BY 1, 2""";
    private static final String ONE_VERSION = """
            SELECT version, symptom, sum(customers)::bigint FROM hourly_rollup
             WHERE product = ? AND hour >= ? AND hour < ? AND version = ? GROUP BY 1, 2""";
    private static final String EXPOSURE = """
            SELECT version, hour, starts - ends FROM installation_hourly
             WHERE product = ? AND hour <= ? AND starts <> ends""";

    /** One query's best time and its row count. */
    record Timing(String name, double ms, int rows, int timesPerEvaluation) {
    }

    private final List<Timing> timings;
    private final Instant asOf;
    private final Path explainFile;

    private QueryProfile(List<Timing> timings, Instant asOf, Path explainFile) {
        this.timings = timings;
        this.asOf = asOf;
        this.explainFile = explainFile;
    }

    static QueryProfile run(BenchApp app, Instant asOf, Path explainFile) throws Exception {
        Instant end = asOf.truncatedTo(ChronoUnit.HOURS);
        Timestamp e = Timestamp.from(end);
        String p = DetectionWorkload.PRODUCT;
        Map<String, Object[]> queries = new LinkedHashMap<>();
        queries.put("exposure changes (installation_hourly up to asOf)|1",
                new Object[] {EXPOSURE, p, e});
        queries.put("hourly customers, all contacts, 14 days|1",
                new Object[] {HOURLY, p, Timestamp.from(end.minus(Duration.ofDays(14))), e, ""});
        Timestamp h6 = Timestamp.from(end.minus(Duration.ofHours(6)));
        Timestamp h24 = Timestamp.from(end.minus(Duration.ofHours(24)));
        Timestamp h72 = Timestamp.from(end.minus(Duration.ofHours(72)));
        queries.put("customers by version and symptom, 6 h / 24 h / 72 h in one scan|1",
                new Object[] {WINDOWS, h6, h24, h72, p, h72, e});
        // once per version, for its predecessor at the same age (here: the same hours, one version)
        queries.put("customers by symptom of one version, 24 h|9",
                new Object[] {ONE_VERSION, p, h24, e, DetectionWorkload.VERSIONS[0]});
        List<Timing> out = new ArrayList<>();
        StringBuilder explain = new StringBuilder("asOf " + asOf + "\n");
        try (Connection c = app.connect()) {
            for (Map.Entry<String, Object[]> q : queries.entrySet()) {
                Object[] sqlAndArgs = q.getValue();
                String sql = (String) sqlAndArgs[0];
                double best = Double.MAX_VALUE;
                int rows = 0;
                for (int run = 0; run < 3; run++) {
                    long t0 = System.nanoTime();
                    try (PreparedStatement s = prepare(c, sql, sqlAndArgs); ResultSet r = s.executeQuery()) {
                        rows = 0;
                        while (r.next()) {
                            rows++;
                        }
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                }
                String[] nameAndTimes = q.getKey().split("\\|");
                out.add(new Timing(nameAndTimes[0], best, rows, Integer.parseInt(nameAndTimes[1])));
                explain.append("\n-- ").append(nameAndTimes[0]).append('\n').append(sql).append('\n');
                try (PreparedStatement s = prepare(c, "EXPLAIN (ANALYZE, BUFFERS) " + sql, sqlAndArgs);
                        ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        explain.append(r.getString(1)).append('\n');
                    }
                }
            }
        }
        Files.writeString(explainFile, explain.toString());
        return new QueryProfile(out, asOf, explainFile);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] sqlAndArgs) throws Exception {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 1; i < sqlAndArgs.length; i++) {
            s.setObject(i, sqlAndArgs[i]);
        }
        return s;
    }

    String summary() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Evaluator queries at asOf %s (best of 3 over JDBC; EXPLAIN ANALYZE in %s):%n", asOf, explainFile));
        double total = 0;
        for (Timing t : timings) {
            out.append(String.format(Locale.ROOT, "  %7.1f ms  %,8d rows  x%-2d per evaluation  %s%n", t.ms(),
                    t.rows(), t.timesPerEvaluation(), t.name()));
            total += t.ms() * t.timesPerEvaluation();
        }
        out.append(String.format(Locale.ROOT, "  %7.1f ms  in all, per evaluation (about)%n", total));
        return out.toString();
    }
}

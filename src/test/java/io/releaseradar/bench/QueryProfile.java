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
 * {@code StoredDetectionSource}, {@code RollupHourCache} and {@code Exposure}, copied here because those classes are
 * internal to the service), each timed over JDBC (best of 3) at one asOf, and their {@code EXPLAIN (ANALYZE, BUFFERS)}
 * written to a file. An evaluation with its hours in memory validates them and reads the new ones; the first one
 * after a start, and one inside a transaction that wrote rollups, scan the windows instead (the rows marked x0).
 */
final class QueryProfile {

    private static final String HOURLY = """
            SELECT version, extract(epoch FROM hour)::bigint, customers FROM hourly_rollup
             WHERE product = ? AND hour >= ? AND hour < ? AND symptom = ?""";
    private static final String VALIDATE = """
            SELECT extract(epoch FROM hour)::bigint, sum(contacts)::bigint FROM hourly_rollup
             WHERE product = ? AND symptom = ? AND hour >= ? AND hour < ? GROUP BY hour""";
    private static final String HOURS = """
            SELECT extract(epoch FROM hour)::bigint, version, symptom, contacts, customers FROM hourly_rollup
             WHERE product = ? AND hour = ANY (?::timestamptz[])""";
    private static final String PREDECESSORS = """
            SELECT w.i, w.version, r.symptom, sum(r.customers)::bigint
              FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS w(version, a, b, i)
              JOIN hourly_rollup r ON r.product = ? AND r.version = w.version AND r.hour >= w.a AND r.hour < w.b
             GROUP BY 1, 2, 3""";
    private static final String WINDOWS = """
            SELECT version, symptom, sum(customers) FILTER (WHERE hour >= ?)::bigint,
                   sum(customers) FILTER (WHERE hour >= ?)::bigint, sum(customers) FILTER (WHERE hour >= ?)::bigint
              FROM hourly_rollup WHERE product = ? AND hour >= ? AND hour < ? GROUP BY 1, 2""";
    private static final String EXPOSURE = """
            SELECT version, extract(epoch FROM hour)::bigint, starts - ends FROM installation_hourly
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
        queries.put("rollup cache: contacts per hour, 72 h, to validate the hours in memory|1",
                new Object[] {VALIDATE, p, "", h72, e});
        // the benchmark's asOfs are 6 h apart: each evaluation finds 6 new hours
        queries.put("rollup cache: the cells of 6 new hours|1", new Object[] {HOURS, p, hours(end, 6)});
        // every version's predecessor at the same age, in one statement (here: the same hours, each version)
        List<String> versions = List.of(DetectionWorkload.VERSIONS).subList(0, DetectionWorkload.VERSIONS.length - 1);
        List<String> from = versions.stream().map(v -> end.minus(Duration.ofHours(24)).toString()).toList();
        List<String> to = versions.stream().map(v -> end.toString()).toList();
        queries.put("predecessors' 24 h at the same age, 9 versions in one statement|1",
                new Object[] {PREDECESSORS, versions, from, to, p});
        queries.put("rollup cache, cold: the cells of all 72 hours|0", new Object[] {HOURS, p, hours(end, 72)});
        queries.put("no cache: 6 h / 24 h / 72 h in one scan|0", new Object[] {WINDOWS, h6, h24, h72, p, h72, e});
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

    /** The last {@code n} hours before {@code end}, as text for a {@code timestamptz[]}. */
    private static List<String> hours(Instant end, int n) {
        List<String> out = new ArrayList<>();
        for (int i = n; i > 0; i--) {
            out.add(end.minus(Duration.ofHours(i)).toString());
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] sqlAndArgs) throws Exception {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 1; i < sqlAndArgs.length; i++) {
            Object arg = sqlAndArgs[i];
            s.setObject(i, arg instanceof List<?> list ? c.createArrayOf("text", list.toArray()) : arg);
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

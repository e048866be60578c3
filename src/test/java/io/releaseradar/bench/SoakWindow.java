package io.releaseradar.bench;

import io.releaseradar.bench.DetectionSpeedBenchmark.Latencies;
import java.util.List;
import java.util.Locale;

/** What the soak run's lanes did in one window of {@value SoakBenchmark#WINDOW_SECONDS} s; thread-safe. */
final class SoakWindow {

    private final LongList ingest = new LongList();
    private final LongList evaluation = new LongList();
    private final LongList health = new LongList();
    private long contacts;
    private long errors;

    synchronized void ingest(long nanos, int accepted, boolean failed) {
        ingest.add(nanos);
        contacts += accepted;
        errors += failed ? 1 : 0;
    }

    synchronized void evaluation(long nanos, boolean failed) {
        evaluation.add(nanos);
        errors += failed ? 1 : 0;
    }

    synchronized void health(long nanos, boolean failed) {
        health.add(nanos);
        errors += failed ? 1 : 0;
    }

    /** This window as a row; {@code memory} is heap, old generation, live data after GC (bytes). */
    synchronized Row row(int atSecond, long[] memory, long rss) {
        return new Row(atSecond, contacts / (double) SoakBenchmark.WINDOW_SECONDS, quantile(ingest, 99),
                health.size / (double) SoakBenchmark.WINDOW_SECONDS, quantile(health, 99), quantile(evaluation, 95),
                errors, mib(memory[0]), mib(memory[1]), mib(memory[2]), mib(rss));
    }

    private static double quantile(LongList l, double p) {
        return l.size == 0 ? Double.NaN : new Latencies(java.util.Arrays.copyOf(l.values, l.size)).ms(p);
    }

    private static double mib(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / 1048576.0;
    }

    /** One printed line. */
    record Row(int atSecond, double contactsPerSecond, double ingestP99Ms, double healthPerSecond,
            double healthP99Ms, double evaluateP95Ms, long errors, double heapMiB, double oldGenMiB,
            double liveMiB, double rssMiB) {

        static final String HEADER = "| s | contacts/s | ingest p99 ms | health req/s | health p99 ms "
                + "| evaluate p95 ms | errors | heap MiB | old gen MiB | live after GC MiB | RSS MiB |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|";

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "| %d | %.0f | %.0f | %.0f | %.1f | %.0f | %d | %.0f | %.0f | %.0f | %.0f |", atSecond,
                    contactsPerSecond, ingestP99Ms, healthPerSecond, healthP99Ms, evaluateP95Ms, errors, heapMiB,
                    oldGenMiB, liveMiB, rssMiB);
        }
    }

    /** First third against last third: memory after GC, errors, throughput. */
    static String verdict(List<Row> rows) {
        if (rows.size() < 3) {
            return "too short for a verdict";
        }
        int third = rows.size() / 3;
        List<Row> first = rows.subList(0, third);
        List<Row> last = rows.subList(rows.size() - third, rows.size());
        return String.format(Locale.ROOT, "first vs last third: old gen %.0f -> %.0f MiB, live after GC %.0f -> %.0f "
                        + "MiB, RSS %.0f -> %.0f MiB, errors %d -> %d, contacts/s %.0f -> %.0f, health req/s %.0f -> "
                        + "%.0f, health p99 %.1f -> %.1f ms, evaluate p95 %.0f -> %.0f ms",
                mean(first, Row::oldGenMiB), mean(last, Row::oldGenMiB), mean(first, Row::liveMiB),
                mean(last, Row::liveMiB), mean(first, Row::rssMiB), mean(last, Row::rssMiB),
                first.stream().mapToLong(Row::errors).sum(), last.stream().mapToLong(Row::errors).sum(),
                mean(first, Row::contactsPerSecond), mean(last, Row::contactsPerSecond),
                mean(first, Row::healthPerSecond), mean(last, Row::healthPerSecond), mean(first, Row::healthP99Ms),
                mean(last, Row::healthP99Ms), mean(first, Row::evaluateP95Ms), mean(last, Row::evaluateP95Ms));
    }

    private static double mean(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** A growable array of longs (latencies in nanoseconds). */
    private static final class LongList {
        long[] values = new long[256];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}

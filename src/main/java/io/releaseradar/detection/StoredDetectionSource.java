package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.DetectionSource.VersionRange;
import io.releaseradar.detection.core.ReleaseInfo;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.detection.core.WindowCounts;
import io.releaseradar.installbase.Exposure;
import io.releaseradar.platform.SqlArrays;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The evaluator's data from the database: hourly rollups, exposure from the installation history, the release
 * catalogue. One instance per evaluation of one product ({@link StoredDetectionSources#asOf}); the state it keeps
 * belongs to that evaluation: what {@link #willRead} started reading ahead (the exposure changes, the predecessors'
 * days, on other connections and threads while the evaluator reads the rest, unless the source was made for a
 * transaction that may have written data of its own: other connections would not see it), and the hours the windows
 * were summed from. The exposure changes up to {@code asOf} are read once ({@link ExposureChanges}) and then sliced
 * for every window the evaluator asks for; a backtest's steps share them ({@link StoredDetectionSources#steps}).
 */
final class StoredDetectionSource implements DetectionSource {

    private final AgroalDataSource dataSource;
    private final ExposureChanges exposure;
    private final ReleaseCatalog catalog;
    private final RollupHourCache cells;
    private final CategoryHoursCache categories;
    private final Executor reads;
    /** Whether reads on other connections see what this source's caller sees. */
    private final boolean readAhead;
    /** What this evaluation's {@link #willRead} started reading, for its product. */
    private ReadAhead ahead = ReadAhead.NONE;
    /** Counts the current, unfinished hour from its contacts ({@link #partialHour}); null: whole hours only. */
    private CurrentHourCustomers currentHour;
    /** The hours this evaluation's windows were summed from, if they came from memory: later reads of them use them. */
    private Snapshot snapshot = Snapshot.NONE;

    /** Reads started ahead for one product: its exposure changes (null when known) and the days of {@code ranges}. */
    private record ReadAhead(String product, CompletableFuture<List<Exposure.Change>> changes,
            List<VersionRange> ranges, CompletableFuture<List<Map<VersionSymptom, Long>>> days) {

        static final ReadAhead NONE = new ReadAhead("", null, List.of(), null);

        boolean of(String p) {
            return product.equals(p);
        }
    }

    /** The hours one product's windows were summed from. */
    private record Snapshot(String product, RollupHourCache.Snapshot hours) {

        static final Snapshot NONE = new Snapshot("", null);
    }

    /**
     * A product's exposure changes up to {@code asOf}, read once (by whichever evaluation first needs them) and then
     * kept: they are the same for every evaluation of the product as of an instant up to {@code asOf}.
     */
    static final class ExposureChanges {

        private final Exposure exposure;
        private final Instant asOf;
        private final Map<String, List<Exposure.Change>> read = new HashMap<>();

        ExposureChanges(Exposure exposure, Instant asOf) {
            this.exposure = exposure;
            this.asOf = asOf;
        }

        /** Known already, else the read ahead's result (when it worked), else read now. */
        synchronized List<Exposure.Change> of(String product, CompletableFuture<List<Exposure.Change>> ahead) {
            List<Exposure.Change> known = read.get(product);
            if (known == null) {
                known = ahead != null ? join(ahead) : null;
                known = known != null ? known : exposure.changes(product, asOf);
                // not copied (the evaluator's hot path): nothing here changes it
                read.put(product, known);
            }
            return known;
        }

        synchronized boolean known(String product) {
            return read.containsKey(product);
        }

        List<Exposure.Change> readNow(String product) {
            return exposure.changes(product, asOf);
        }
    }

    StoredDetectionSource(AgroalDataSource dataSource, ExposureChanges exposure, ReleaseCatalog catalog,
            RollupHourCache cells, CategoryHoursCache categories, Executor reads, boolean readAhead) {
        this.dataSource = dataSource;
        this.categories = categories;
        this.exposure = exposure;
        this.catalog = catalog;
        this.cells = cells;
        this.reads = reads;
        this.readAhead = readAhead;
    }

    /** This source, counting the current hour with {@code counter}. */
    StoredDetectionSource withCurrentHour(CurrentHourCustomers counter) {
        this.currentHour = counter;
        return this;
    }

    @Override
    public Map<VersionSymptom, Long> partialHour(String product, Instant hour, Instant asOf) {
        return currentHour == null ? null : currentHour.of(product, hour, asOf);
    }

    @Override
    public List<ReleaseInfo> releases(String product, Instant asOf) {
        return catalog.releasedBy(product, asOf).stream()
                .map(r -> new ReleaseInfo(r.version(), r.releasedAt(), r.previousVersion())).toList();
    }

    @Override
    public Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to) {
        List<Exposure.Change> changes = exposure.of(product, ahead.of(product) ? ahead.changes() : null);
        int hours = (int) Duration.between(from, to).toHours();
        Map<String, long[]> out = new HashMap<>();
        String version = null;
        long active = 0;
        int filled = 0;
        long[] series = null;
        // changes are ordered by version, then hour: one pass fills each version's series
        for (Exposure.Change c : changes) {
            if (!c.version().equals(version)) {
                fillTo(series, filled, hours, active);
                version = c.version();
                series = new long[hours];
                out.put(version, series);
                active = 0;
                filled = 0;
            }
            int i = (int) ((c.hour().getEpochSecond() - from.getEpochSecond()) / 3600);
            if (i >= hours) {
                continue;
            }
            if (i > filled) {
                fillTo(series, filled, i, active);
                filled = i;
            }
            active += c.delta();
        }
        fillTo(series, filled, hours, active);
        return out;
    }

    private static void fillTo(long[] series, int from, int to, long value) {
        if (series != null) {
            for (int i = Math.max(0, from); i < to; i++) {
                series[i] = value;
            }
        }
    }

    @Override
    public Map<VersionSymptom, Long> customers(String product, Instant from, Instant to) {
        String sql = """
                SELECT version, symptom, sum(customers)::bigint FROM hourly_rollup
                 WHERE product = ? AND hour >= ? AND hour < ? GROUP BY 1, 2""";
        Map<VersionSymptom, Long> out = new HashMap<>();
        query(sql, product, from, to, null, r -> out.put(new VersionSymptom(r.getString(1), r.getString(2)),
                r.getLong(3)));
        return out;
    }

    /** All windows at once: from the hours in memory that are unchanged, or in one scan of the longest window. */
    @Override
    public WindowCounts windowCounts(String product, Instant end, List<Duration> windows, long keepAtLeast) {
        if (cells.usable()) {
            try (Connection c = dataSource.getConnection()) {
                snapshot = new Snapshot(product, cells.snapshot(c, product, end, windows, keepAtLeast));
                return snapshot.hours().windows();
            } catch (SQLException e) {
                throw Transactions.unchecked("Could not read rollups", e);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT version, symptom");
        for (int i = 0; i < windows.size(); i++) {
            sql.append(", sum(customers) FILTER (WHERE hour >= ?)::bigint");
        }
        sql.append(" FROM hourly_rollup WHERE product = ? AND hour >= ? AND hour < ? GROUP BY 1, 2");
        WindowCounts.Builder out = new WindowCounts.Builder(windows.size());
        Instant longest = windows.stream().map(end::minus).min(Instant::compareTo).orElseThrow();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Duration w : windows) {
                s.setTimestamp(p++, Timestamp.from(end.minus(w)));
            }
            s.setString(p++, product);
            s.setTimestamp(p++, Timestamp.from(longest));
            s.setTimestamp(p, Timestamp.from(end));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long[] counts = new long[windows.size()];
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = r.getLong(3 + i);
                    }
                    out.add(r.getString(1), r.getString(2), counts);
                }
            }
            return out.build(keepAtLeast);
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read rollups", e);
        }
    }

    @Override
    public Map<VersionSymptom, Long> customersOf(String product, String version, Instant from, Instant to) {
        String sql = """
                SELECT version, symptom, sum(customers)::bigint FROM hourly_rollup
                 WHERE product = ? AND hour >= ? AND hour < ? AND version = ? GROUP BY 1, 2""";
        Map<VersionSymptom, Long> out = new HashMap<>();
        query(sql, product, from, to, version, r -> out.put(new VersionSymptom(r.getString(1), r.getString(2)),
                r.getLong(3)));
        return out;
    }

    @Override
    public void willRead(String product, List<VersionRange> ranges) {
        if (!readAhead) {
            return;
        }
        try {
            CompletableFuture<List<Exposure.Change>> changes = exposure.known(product) ? null
                    : CompletableFuture.supplyAsync(() -> exposure.readNow(product), reads);
            List<VersionRange> copy = List.copyOf(ranges);
            ahead = new ReadAhead(product, changes, copy,
                    copy.isEmpty() ? null : CompletableFuture.supplyAsync(() -> read(product, copy), reads));
        } catch (RejectedExecutionException e) {
            // shutting down: read when asked
        }
    }

    /** What a read ahead gave, or null when it failed (then read again, on the caller's connection). */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    /** Those read ahead from there; the others in one statement: one index range of (product, version, hour) each. */
    @Override
    public List<Map<VersionSymptom, Long>> customersOf(String product, List<VersionRange> ranges) {
        List<Map<VersionSymptom, Long>> known = ahead.of(product) && ahead.days() != null ? join(ahead.days())
                : null;
        List<Map<VersionSymptom, Long>> out = new ArrayList<>();
        List<VersionRange> missing = new ArrayList<>();
        for (VersionRange r : ranges) {
            int i = known == null ? -1 : ahead.ranges().indexOf(r);
            out.add(i >= 0 ? known.get(i) : null);
            if (i < 0) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            List<Map<VersionSymptom, Long>> read = read(product, missing);
            for (int i = 0, m = 0; i < out.size(); i++) {
                if (out.get(i) == null) {
                    out.set(i, read.get(m++));
                }
            }
        }
        return out;
    }

    private List<Map<VersionSymptom, Long>> read(String product, List<VersionRange> ranges) {
        List<Map<VersionSymptom, Long>> out = new ArrayList<>();
        ranges.forEach(r -> out.add(new HashMap<>()));
        if (ranges.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT w.i, w.version, r.symptom, sum(r.customers)::bigint
                  FROM unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS w(version, a, b, i)
                  JOIN hourly_rollup r ON r.product = ? AND r.version = w.version AND r.hour >= w.a AND r.hour < w.b
                 GROUP BY 1, 2, 3""")) {
            s.setArray(1, SqlArrays.text(c, ranges.stream().map(VersionRange::version).toList()));
            s.setArray(2, SqlArrays.text(c, ranges.stream().map(VersionRange::from).toList()));
            s.setArray(3, SqlArrays.text(c, ranges.stream().map(VersionRange::to).toList()));
            s.setString(4, product);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.get(r.getInt(1) - 1).put(new VersionSymptom(r.getString(2), r.getString(3)), r.getLong(4));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read rollups", e);
        }
    }

    /**
     * From the hours the windows were summed from when they cover [from, to) (an evaluation re-tests its would-be
     * signals over the longest window, one symptom at a time); from the database otherwise.
     */
    @Override
    public Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to) {
        if (snapshot.product().equals(product) && snapshot.hours().covers(from, to)) {
            return snapshot.hours().hourly(symptom, from, to);
        }
        int hours = (int) Duration.between(from, to).toHours();
        String sql = """
                SELECT version, extract(epoch FROM hour)::bigint, customers FROM hourly_rollup
                 WHERE product = ? AND hour >= ? AND hour < ? AND symptom = ?""";
        Map<String, long[]> out = new HashMap<>();
        query(sql, product, from, to, symptom, r -> {
            int i = (int) ((r.getLong(2) - from.getEpochSecond()) / 3600);
            out.computeIfAbsent(r.getString(1), k -> new long[hours])[i] = r.getLong(3);
        });
        return out;
    }

    /** From what {@link CategoryHoursCache} kept, and the hours closed since. */
    @Override
    public List<CategoryHours> categoryHours(String product, Instant to) {
        try {
            return categories.of(dataSource::getConnection, product, to, cells.sawNoWritesOfItsOwn());
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read rollups", e);
        }
    }

    private interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    private void query(String sql, String product, Instant from, Instant to, String symptom, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            if (symptom != null) {
                s.setString(4, symptom);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read rollups", e);
        }
    }
}

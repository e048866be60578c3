package io.releaseradar.detection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.detection.core.WindowCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each product's hourly rollup cells of the hours evaluations read, held in memory so that an evaluation reads from
 * the database only the hours that changed since this replica last read them. Consecutive evaluations share all but
 * their newest hours (the scheduler's, every turn, share all of them), and summing the longest window's ~250,000
 * cells in PostgreSQL was the largest part of an evaluation.
 *
 * <p>An hour's cells stay valid while the hour's contact count (the all-contacts cells' contacts, summed over
 * versions) is unchanged: rollups change only by {@link RollupWriter} adding contacts, and every contact adds one to
 * its hour's all-contacts cell, so two committed states of an hour with the same count are the same state. The count
 * and the cells are read in one statement, so they belong together. A transaction that wrote rollups itself sees
 * them before they commit (the demo's replay loads and evaluates in one transaction); it reads the database and
 * leaves this cache alone, since it may still roll back.
 */
@ApplicationScoped
class RollupHourCache {

    private static final String WROTE_ROLLUPS = RollupHourCache.class.getName() + ".wroteRollups";

    private record Key(String product, Instant hour) {
    }

    /**
     * One hour's cells, ordered by their symptom's hash, as of the state in which the hour's contacts numbered
     * {@code contacts}; {@code ids} are the cells' numbers in {@code numbering}.
     */
    record Hour(long contacts, VersionSymptom[] cells, int[] customers, int[] ids, CellIds numbering) {

        /**
         * The first {@code size} cells and their customers as a read of them makes its hour, numbered on its own
         * (tests).
         */
        static Hour of(long contacts, VersionSymptom[] cells, int[] customers, int size) {
            RollupHourReads.HourReader reader = new RollupHourReads.HourReader();
            for (int i = 0; i < size; i++) {
                reader.add(new RollupHourReads.ReadCell(cells[i]), customers[i]);
            }
            reader.contacts = contacts;
            return reader.hour(new CellIds());
        }
    }

    /** Cells numbered per product before a renumbering is considered. */
    static final int MIN_RENUMBER = 16_384;
    /** A product is renumbered when its numbered cells exceed this many times the cells its last windows used. */
    static final int RENUMBER_FACTOR = 4;

    private final Cache<Key, Hour> hours;
    private volatile int minRenumber = MIN_RENUMBER;
    private final Map<String, CellIds> numberings = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Sums> lastSums = new java.util.concurrent.ConcurrentHashMap<>();
    private final TransactionSynchronizationRegistry transactions;
    private final boolean enabled;
    private final Counter hits;
    private final Counter reads;

    RollupHourCache(DetectionConfig config, TransactionSynchronizationRegistry transactions, MeterRegistry metrics) {
        this.transactions = transactions;
        this.enabled = config.rollupCacheCells() > 0;
        this.hits = metrics.counter("radar_rollup_cache_hours_total", "outcome", "memory");
        this.reads = metrics.counter("radar_rollup_cache_hours_total", "outcome", "database");
        this.hours = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, config.rollupCacheCells()))
                .weigher((Key k, Hour h) -> h.cells().length + 1)
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    /** Called by every writer of rollups: the current transaction (if any) must not use or fill the cache. */
    void wroteRollups() {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            transactions.putResource(WROTE_ROLLUPS, Boolean.TRUE);
        }
    }

    /** Whether the current transaction may read through the cache: it has not written rollups of its own. */
    boolean usable() {
        return enabled && sawNoWritesOfItsOwn();
    }

    /** Whether the current transaction (if any) has written no rollups: what it reads is committed, and may be kept. */
    boolean sawNoWritesOfItsOwn() {
        return transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION
                || transactions.getResource(WROTE_ROLLUPS) == null;
    }

    /**
     * The hours of the longest window ending at {@code end} as one consistent state (validated together), and
     * distinct customers per (version, symptom) summed over each window (as
     * {@link io.releaseradar.detection.core.DetectionSource#windowCounts}); only changed or unseen hours are
     * read. The evaluation asks the same hours again for single symptoms. Symptoms that no version has
     * {@code keepAtLeast} customers of in any window are left out of the sums (as
     * {@link WindowCounts.Builder#build(long)} leaves them out). Call only when {@link #usable()}.
     */
    Snapshot snapshot(Connection c, String product, Instant end, List<Duration> windows, long keepAtLeast)
            throws SQLException {
        Instant[] starts = windows.stream().map(end::minus).toArray(Instant[]::new);
        Instant from = starts[0];
        for (Instant s : starts) {
            from = s.isBefore(from) ? s : from;
        }
        CellIds numbering = numberings.computeIfAbsent(product, p -> new CellIds());
        Map<Instant, Hour> known = new HashMap<>();
        List<Instant> stale = new ArrayList<>();
        RollupHourReads.hourContacts(c, product, from, end).forEach((hour, contacts) -> {
            Hour h = hours.getIfPresent(new Key(product, hour));
            if (h != null && h.contacts() == contacts && h.numbering() == numbering) {
                known.put(hour, h);
            } else {
                stale.add(hour);
            }
        });
        hits.increment(known.size());
        reads.increment(stale.size());
        if (!stale.isEmpty()) {
            RollupHourReads.read(c, product, stale, numbering).forEach((hour, h) -> {
                hours.put(new Key(product, hour), h);
                known.put(hour, h);
            });
        }
        // every hour here is numbered by this numbering: sums in one array, window-minor
        CellIds.Numbering n = numbering.numbering();
        int w = starts.length;
        Map<Instant, Hour> held = Map.copyOf(known);
        long[] sums = sums(product, numbering, n, from, end, starts, held);
        // the most customers each cell, and each symptom on any version, has in a window: cells outside every
        // window and symptoms below keepAtLeast are left out
        long[] cellMost = new long[n.size()];
        long[] most = new long[n.symptoms()];
        int used = 0;
        for (int id = 0; id < n.size(); id++) {
            for (int i = 0; i < w; i++) {
                cellMost[id] = Math.max(cellMost[id], sums[id * w + i]);
            }
            used += cellMost[id] > 0 ? 1 : 0;
            most[n.symptomOf()[id]] = Math.max(most[n.symptomOf()[id]], cellMost[id]);
        }
        WindowCounts.Builder out = new WindowCounts.Builder(w);
        for (int id = 0; id < n.size(); id++) {
            if (cellMost[id] > 0 && most[n.symptomOf()[id]] >= keepAtLeast) {
                out.add(n.cells()[id].version(), n.cells()[id].symptom(), Arrays.copyOfRange(sums, id * w, id * w + w));
            }
        }
        // numbers of cells that left the windows long ago stay taken: start afresh when they far outnumber the
        // cells in use (the hours numbered by the old numbering are read again, once)
        if (n.size() > Math.max(minRenumber, RENUMBER_FACTOR * used)) {
            numberings.remove(product, numbering);
        }
        return new Snapshot(from, end, held, out.build());
    }

    /**
     * The windows' sums of one product's last snapshot: the next one starts from them and only adds and subtracts
     * the hours that entered, left or changed in each window (summing all the longest window's ~250,000 cells
     * into every window was a tenth of an evaluation; consecutive evaluations share all but a few hours).
     */
    private record Sums(CellIds numbering, Instant end, Instant[] starts, Map<Instant, Hour> hours, long[] sums) {
    }

    /**
     * Customers per cell and window ({@code sums[id * w + i]}) over {@code known}: from the product's last sums when
     * they were made with the same numbering and windows less than the longest window earlier or later, else from
     * scratch. Sums once made are never changed (a concurrent evaluation may be reading them); whichever
     * evaluation finishes last leaves its own. An hour whose cells are the same object in both counts alike in both.
     */
    private long[] sums(String product, CellIds numbering, CellIds.Numbering n, Instant from, Instant end,
            Instant[] starts, Map<Instant, Hour> known) {
        int w = starts.length;
        long[] sums = new long[n.size() * w];
        Sums last = lastSums.get(product);
        boolean incremental = last != null && last.numbering() == numbering && last.starts().length == w
                && Math.abs(Duration.between(last.end(), end).toHours()) < Duration.between(from, end).toHours();
        for (int i = 0; incremental && i < w; i++) {
            incremental = Duration.between(last.starts()[i], last.end()).equals(Duration.between(starts[i], end));
        }
        if (incremental) {
            System.arraycopy(last.sums(), 0, sums, 0, last.sums().length);
            for (int i = 0; i < w; i++) {
                Instant a = last.starts()[i].isBefore(starts[i]) ? last.starts()[i] : starts[i];
                Instant b = last.end().isAfter(end) ? last.end() : end;
                for (Instant h = a; h.isBefore(b); h = h.plusSeconds(3600)) {
                    Hour before = !h.isBefore(last.starts()[i]) && h.isBefore(last.end()) ? last.hours().get(h) : null;
                    Hour now = !h.isBefore(starts[i]) && h.isBefore(end) ? known.get(h) : null;
                    if (before != now) {
                        add(sums, w, i, before, -1);
                        add(sums, w, i, now, 1);
                    }
                }
            }
        } else {
            boolean[] in = new boolean[w];
            for (Map.Entry<Instant, Hour> e : known.entrySet()) {
                for (int i = 0; i < w; i++) {
                    in[i] = !e.getKey().isBefore(starts[i]);
                }
                Hour h = e.getValue();
                int[] ids = h.ids();
                int[] customers = h.customers();
                for (int k = 0; k < ids.length; k++) {
                    int at = ids[k] * w;
                    for (int i = 0; i < w; i++) {
                        if (in[i]) {
                            sums[at + i] += customers[k];
                        }
                    }
                }
            }
        }
        // kept as they are: neither this caller nor the next snapshot changes them
        lastSums.put(product, new Sums(numbering, end, starts.clone(), known, sums));
        return sums;
    }

    /** Adds (sign 1) or subtracts (-1) one hour's customers to or from window {@code i}'s sums. */
    private static void add(long[] sums, int w, int i, Hour h, int sign) {
        if (h != null) {
            int[] ids = h.ids();
            int[] customers = h.customers();
            for (int k = 0; k < ids.length; k++) {
                sums[ids[k] * w + i] += sign * customers[k];
            }
        }
    }

    /** Sets the cells numbered per product before a renumbering is considered (tests lower it). */
    void renumberAbove(int cells) {
        minRenumber = cells;
    }

    /** The hours [from, to) of one product as one evaluation read them, and their per-window sums. */
    static final class Snapshot {
        private final Instant from;
        private final Instant to;
        private final Map<Instant, Hour> hours;
        private final WindowCounts windows;

        Snapshot(Instant from, Instant to, Map<Instant, Hour> hours, WindowCounts windows) {
            this.from = from;
            this.to = to;
            this.hours = hours;
            this.windows = windows;
        }

        /** Distinct customers by version and symptom, per window. */
        WindowCounts windows() {
            return windows;
        }

        boolean covers(Instant a, Instant b) {
            return !a.isBefore(from) && !b.isAfter(to);
        }

        /** One symptom's customers hour by hour over [a, b) per version, as the database would answer it. */
        Map<String, long[]> hourly(String symptom, Instant a, Instant b) {
            int n = (int) Duration.between(a, b).toHours();
            Map<String, long[]> out = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Hour h = hours.get(a.plusSeconds(3600L * i));
                if (h == null) {
                    continue;
                }
                // an hour's cells are ordered by their symptom's hash: binary search for the first of this hash,
                // then every cell of that hash (other symptoms may share it)
                VersionSymptom[] cells = h.cells();
                int hash = symptom.hashCode();
                int lo = 0;
                int hi = cells.length;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cells[mid].symptom().hashCode() < hash) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                for (int k = lo; k < cells.length && cells[k].symptom().hashCode() == hash; k++) {
                    if (cells[k].symptom().equals(symptom)) {
                        out.computeIfAbsent(cells[k].version(), v -> new long[n])[i] = h.customers()[k];
                    }
                }
            }
            return out;
        }
    }
}

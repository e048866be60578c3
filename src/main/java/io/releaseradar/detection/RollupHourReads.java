package io.releaseradar.detection;

import io.releaseradar.detection.RollupHourCache.Hour;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.platform.SqlArrays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads {@link RollupHourCache} makes of {@code hourly_rollup}: each hour's contact count, which says whether a
 * held hour is still valid, and the cells of the hours that are not.
 */
final class RollupHourReads {

    private RollupHourReads() {
    }

    /** Each hour of [from, to) with rollups, and its contacts. */
    static Map<Instant, Long> hourContacts(Connection c, String product, Instant from, Instant to)
            throws SQLException {
        Map<Instant, Long> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT extract(epoch FROM hour)::bigint, sum(contacts)::bigint FROM hourly_rollup
                 WHERE product = ? AND symptom = ? AND hour >= ? AND hour < ? GROUP BY hour""")) {
            s.setString(1, product);
            s.setString(2, Symptoms.ALL);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(Instant.ofEpochSecond(r.getLong(1)), r.getLong(2));
                }
            }
        }
        return out;
    }

    /**
     * A cell as one read met it: first the instance the read made, then, once numbered, its number and the
     * numbering's instance (shared by every hour the numbering holds).
     */
    static final class ReadCell {
        private VersionSymptom cell;
        private int id = -1;

        ReadCell(VersionSymptom cell) {
            this.cell = cell;
        }
    }

    /** One hour's cells as they are read. */
    static final class HourReader {
        private ReadCell[] cells = new ReadCell[1024];
        private int[] customers = new int[1024];
        private int size;
        long contacts;

        void add(ReadCell cell, int n) {
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
                customers = Arrays.copyOf(customers, size * 2);
            }
            cells[size] = cell;
            customers[size++] = n;
        }

        /**
         * The hour: its cells and their customers ordered by their symptom's hash (a primitive sort: comparing
         * strings was most of a read's time), so that one symptom's cells are found at once, and numbered in that
         * order, each cell of the read once (not once per hour it is in), sharing the numbering's instance.
         */
        Hour hour(CellIds numbering) {
            VersionSymptom[] read = new VersionSymptom[size];
            for (int i = 0; i < size; i++) {
                read[i] = cells[i].cell;
            }
            int[] order = bySymptomHash(read, size);
            VersionSymptom[] sortedCells = new VersionSymptom[size];
            int[] sortedCustomers = new int[size];
            int[] ids = new int[size];
            for (int i = 0; i < size; i++) {
                ReadCell c = cells[order[i]];
                if (c.id < 0) {
                    c.id = numbering.idOf(c.cell);
                    c.cell = numbering.cell(c.id);
                }
                sortedCells[i] = c.cell;
                sortedCustomers[i] = customers[order[i]];
                ids[i] = c.id;
            }
            return new Hour(contacts, sortedCells, sortedCustomers, ids, numbering);
        }

        /** The positions of the first {@code size} cells ordered by their symptom's hash, ties in given order. */
        private static int[] bySymptomHash(VersionSymptom[] cells, int size) {
            long[] order = new long[size];
            for (int i = 0; i < size; i++) {
                order[i] = (long) cells[i].symptom().hashCode() << 32 | i;
            }
            Arrays.sort(order);
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = (int) order[i];
            }
            return out;
        }
    }

    /** The given hours' cells, each hour with its contacts counted from the same rows. */
    static Map<Instant, Hour> read(Connection c, String product, List<Instant> which, CellIds numbering)
            throws SQLException {
        Map<Long, HourReader> hours = new HashMap<>();
        // the same cell recurs in every hour read: the product's numbering is asked for its number and instance once
        // per cell, not once per row (a weak interner shared by all products, then the numbering for each hour's
        // cells, were a third of a read)
        Map<VersionSymptom, ReadCell> interned = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT extract(epoch FROM hour)::bigint, version, symptom, contacts, customers FROM hourly_rollup
                 WHERE product = ? AND hour = ANY (?::timestamptz[])""")) {
            s.setString(1, product);
            s.setArray(2, SqlArrays.text(c, which));
            long last = Long.MIN_VALUE;
            HourReader hour = null;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long epoch = r.getLong(1);
                    if (epoch != last) {
                        hour = hours.computeIfAbsent(epoch, e -> new HourReader());
                        last = epoch;
                    }
                    String symptom = r.getString(3);
                    hour.add(interned.computeIfAbsent(new VersionSymptom(r.getString(2), symptom), ReadCell::new),
                            r.getInt(5));
                    if (symptom.equals(Symptoms.ALL)) {
                        hour.contacts += r.getLong(4);
                    }
                }
            }
        }
        Map<Instant, Hour> out = new HashMap<>();
        hours.forEach((epoch, h) -> out.put(Instant.ofEpochSecond(epoch), h.hour(numbering)));
        return out;
    }
}

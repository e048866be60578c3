package io.releaseradar.detection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch's additions to {@code rollup_customer_symptoms}: which symptoms each customer is already counted under in
 * each (product, version, hour) slot. {@link #write} records them and answers how many customers are new to each
 * rollup cell, which is what the cell's distinct-customer count grows by. One row per slot and customer (about one a
 * contact), where a row per cell and customer cost about 14 a contact.
 *
 * <p>Under concurrent writers: a (slot, customer) row that does not exist yet is inserted, and all its symptoms are
 * new; one that exists is locked, and only the symptoms it lacks are new. A writer that meets a row another writer
 * inserted and has not committed waits for that commit, then treats it as existing, so no customer is counted twice.
 * Rows are inserted and locked in key order, so two writers do not deadlock.
 *
 * <p>Cells are the caller's numbers (0, 1, 2, … in a batch), each always with the same symptom.
 */
final class CustomerSymptoms {

    /** A customer's row in a slot: the batch's cells for it, each once. Ordered as PostgreSQL orders the keys. */
    static final class Row implements Comparable<Row> {
        private final Key key;
        private int[] cells = new int[16];
        private int size;
        /** Its symptom hashes as an array literal, ascending; built once, when first bound. */
        private String symptoms;

        private Row(Key key) {
            this.key = key;
        }

        @Override
        public int compareTo(Row o) {
            int c = Long.compare(key.slot(), o.key.slot());
            return c != 0 ? c : Long.compare(key.customer(), o.key.customer());
        }
    }

    private record Key(long slot, long customer) {
    }

    private record Slot(String product, String version, Instant hour) {
    }

    private final Map<Key, Row> rows = new HashMap<>();
    private final Map<Slot, Long> slotHashes = new HashMap<>();
    private final Map<String, Long> customerHashes = new HashMap<>();
    private final Map<String, Long> symptomHashes = new HashMap<>();
    /** By cell: the hash of its symptom, once the cell was added. */
    private long[] symptomOfCell = new long[256];

    /** The row of a customer (a customer key: an id, or the contact's own key when anonymous) in a slot. */
    Row row(String product, String version, Instant hour, String customer) {
        long slot = slotHashes.computeIfAbsent(new Slot(product, version, hour),
                s -> Hashes.of(s.product(), s.version(), s.hour().toString()));
        Key key = new Key(slot, customerHashes.computeIfAbsent(customer, Hashes::of));
        return rows.computeIfAbsent(key, Row::new);
    }

    /** The row's customer has a contact in the cell, which counts under the symptom. */
    void add(Row row, int cell, String symptom) {
        if (cell >= symptomOfCell.length) {
            symptomOfCell = Arrays.copyOf(symptomOfCell, Math.max(2 * symptomOfCell.length, cell + 1));
        }
        if (symptomOfCell[cell] == 0) {
            // a symptom hashing to 0 is looked up again each time, and is still right
            symptomOfCell[cell] = symptomHashes.computeIfAbsent(symptom, Hashes::of);
        }
        for (int i = 0; i < row.size; i++) {
            if (row.cells[i] == cell) {
                return;
            }
        }
        if (row.size == row.cells.length) {
            row.cells = Arrays.copyOf(row.cells, 2 * row.size);
        }
        row.cells[row.size++] = cell;
    }

    /**
     * Records the batch's customers in the caller's transaction.
     *
     * @param cells how many cells the batch has
     * @return by cell, how many of its customers were not counted in it before
     */
    int[] write(Connection c, int cells) throws SQLException {
        int[] fresh = new int[cells];
        if (rows.isEmpty()) {
            return fresh;
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(null);
        Set<Key> inserted = insertNew(c, sorted);
        List<Row> existing = new ArrayList<>();
        for (Row row : sorted) {
            if (!inserted.contains(row.key)) {
                existing.add(row); // counts only the symptoms it lacks, below
                continue;
            }
            for (int i = 0; i < row.size; i++) {
                fresh[row.cells[i]]++;
            }
        }
        if (existing.isEmpty()) {
            return fresh;
        }
        Map<Key, long[]> lacking = lockLacking(c, existing);
        if (lacking.isEmpty()) {
            return fresh;
        }
        List<Row> toUpdate = new ArrayList<>(lacking.size());
        for (Row row : existing) {
            long[] counted = lacking.get(row.key);
            if (counted == null) {
                continue;
            }
            toUpdate.add(row);
            for (int i = 0; i < row.size; i++) {
                if (Arrays.binarySearch(counted, symptomOfCell[row.cells[i]]) < 0) {
                    fresh[row.cells[i]]++;
                }
            }
        }
        addSymptoms(c, toUpdate);
        return fresh;
    }

    /** Inserts the rows that do not exist yet; returns their keys. */
    private Set<Key> insertNew(Connection c, List<Row> sorted) throws SQLException {
        Set<Key> inserted = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_customer_symptoms (slot, customer, symptoms)
                SELECT u.slot, u.customer, u.symptoms::int8[]
                  FROM unnest(?::int8[], ?::int8[], ?::text[]) AS u(slot, customer, symptoms)
                ON CONFLICT DO NOTHING
                RETURNING slot, customer""")) {
            bind(c, s, sorted);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inserted.add(new Key(r.getLong(1), r.getLong(2)));
                }
            }
        }
        return inserted;
    }

    /**
     * Locks, in key order, the existing rows that lack some of the batch's symptoms, and returns the symptoms each
     * holds (ascending). The lock holds until the transaction ends, so what is returned stays true until then.
     */
    private Map<Key, long[]> lockLacking(Connection c, List<Row> existing) throws SQLException {
        Map<Key, long[]> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.slot, t.customer, t.symptoms
                  FROM rollup_customer_symptoms t
                  JOIN unnest(?::int8[], ?::int8[], ?::text[]) AS u(slot, customer, symptoms)
                    ON t.slot = u.slot AND t.customer = u.customer
                 WHERE NOT t.symptoms @> u.symptoms::int8[]
                 ORDER BY t.slot, t.customer
                   FOR UPDATE OF t""")) {
            bind(c, s, existing);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Array array = r.getArray(3);
                    Long[] held = (Long[]) array.getArray();
                    array.free();
                    long[] sorted = new long[held.length];
                    for (int i = 0; i < held.length; i++) {
                        sorted[i] = held[i];
                    }
                    Arrays.sort(sorted);
                    out.put(new Key(r.getLong(1), r.getLong(2)), sorted);
                }
            }
        }
        return out;
    }

    /** Adds the batch's symptoms to rows this transaction has locked. */
    private void addSymptoms(Connection c, List<Row> locked) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE rollup_customer_symptoms t
                   SET symptoms = ARRAY(SELECT DISTINCT x FROM unnest(t.symptoms || u.symptoms::int8[]) AS x
                                         ORDER BY x)
                  FROM unnest(?::int8[], ?::int8[], ?::text[]) AS u(slot, customer, symptoms)
                 WHERE t.slot = u.slot AND t.customer = u.customer""")) {
            bind(c, s, locked);
            s.executeUpdate();
        }
    }

    /** The row's symptom hashes as an array literal ({@code {-5,3}}), ascending. */
    private String literal(Row row) {
        if (row.symptoms == null) {
            long[] hashes = new long[row.size];
            for (int j = 0; j < row.size; j++) {
                hashes[j] = symptomOfCell[row.cells[j]];
            }
            Arrays.sort(hashes);
            StringBuilder literal = new StringBuilder("{");
            for (int j = 0; j < hashes.length; j++) {
                literal.append(j == 0 ? "" : ",").append(hashes[j]);
            }
            row.symptoms = literal.append('}').toString();
        }
        return row.symptoms;
    }

    /** Binds the rows' keys and symptom hashes (as an array literal, ascending) in the given order. */
    private void bind(Connection c, PreparedStatement s, List<Row> rows) throws SQLException {
        Long[] slots = new Long[rows.size()];
        Long[] customers = new Long[rows.size()];
        String[] symptoms = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            slots[i] = row.key.slot();
            customers[i] = row.key.customer();
            symptoms[i] = literal(row);
        }
        s.setArray(1, c.createArrayOf("int8", slots));
        s.setArray(2, c.createArrayOf("int8", customers));
        s.setArray(3, c.createArrayOf("text", symptoms));
    }
}

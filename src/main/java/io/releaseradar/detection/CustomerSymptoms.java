package io.releaseradar.detection;

import io.releaseradar.detection.RollupWriter.Cell;
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
 */
final class CustomerSymptoms {

    /** A slot's row for one customer. Ordered as PostgreSQL orders the two bigints. */
    private record Key(long slot, long customer) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(slot, o.slot);
            return c != 0 ? c : Long.compare(customer, o.customer);
        }
    }

    private record Slot(String product, String version, Instant hour) {
    }

    /** Per row: the cells of the batch's contacts, by symptom hash. */
    private final Map<Key, Map<Long, Cell>> rows = new HashMap<>();
    private final Map<Slot, Long> slotHashes = new HashMap<>();
    private final Map<String, Long> customerHashes = new HashMap<>();
    private final Map<String, Long> symptomHashes = new HashMap<>();

    /** The customer (a customer key: an id, or the contact's own key for an anonymous contact) has a contact in the cell. */
    void add(Cell cell, String customer) {
        long slot = slotHashes.computeIfAbsent(new Slot(cell.product(), cell.version(), cell.hour()),
                s -> Hashes.of(s.product(), s.version(), s.hour().toString()));
        Key key = new Key(slot, customerHashes.computeIfAbsent(customer, Hashes::of));
        rows.computeIfAbsent(key, k -> new HashMap<>(4))
                .put(symptomHashes.computeIfAbsent(cell.symptom(), Hashes::of), cell);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Records the batch's customers in the caller's transaction.
     *
     * @return per cell, how many of its customers were not counted in it before (cells with none are absent)
     */
    Map<Cell, Integer> write(Connection c) throws SQLException {
        List<Key> keys = new ArrayList<>(rows.keySet());
        keys.sort(null);
        Map<Cell, Integer> fresh = new HashMap<>();
        Set<Key> inserted = insertNew(c, keys);
        for (Key key : inserted) {
            rows.get(key).values().forEach(cell -> fresh.merge(cell, 1, Integer::sum));
        }
        List<Key> existing = keys.stream().filter(k -> !inserted.contains(k)).toList();
        if (existing.isEmpty()) {
            return fresh;
        }
        Map<Key, long[]> lacking = lockLacking(c, existing);
        if (lacking.isEmpty()) {
            return fresh;
        }
        List<Key> toUpdate = new ArrayList<>(lacking.keySet());
        toUpdate.sort(null);
        for (Key key : toUpdate) {
            long[] counted = lacking.get(key);
            rows.get(key).forEach((symptom, cell) -> {
                if (Arrays.binarySearch(counted, symptom) < 0) {
                    fresh.merge(cell, 1, Integer::sum);
                }
            });
        }
        addSymptoms(c, toUpdate);
        return fresh;
    }

    /** Inserts the rows that do not exist yet; returns their keys. */
    private Set<Key> insertNew(Connection c, List<Key> keys) throws SQLException {
        Set<Key> inserted = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_customer_symptoms (slot, customer, symptoms)
                SELECT u.slot, u.customer, u.symptoms::int8[]
                  FROM unnest(?::int8[], ?::int8[], ?::text[]) AS u(slot, customer, symptoms)
                ON CONFLICT DO NOTHING
                RETURNING slot, customer""")) {
            bind(c, s, keys);
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
    private Map<Key, long[]> lockLacking(Connection c, List<Key> keys) throws SQLException {
        Map<Key, long[]> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.slot, t.customer, t.symptoms
                  FROM rollup_customer_symptoms t
                  JOIN unnest(?::int8[], ?::int8[], ?::text[]) AS u(slot, customer, symptoms)
                    ON t.slot = u.slot AND t.customer = u.customer
                 WHERE NOT t.symptoms @> u.symptoms::int8[]
                 ORDER BY t.slot, t.customer
                   FOR UPDATE OF t""")) {
            bind(c, s, keys);
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
    private void addSymptoms(Connection c, List<Key> keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE rollup_customer_symptoms t
                   SET symptoms = ARRAY(SELECT DISTINCT x FROM unnest(t.symptoms || u.symptoms::int8[]) AS x
                                         ORDER BY x)
                  FROM unnest(?::int8[], ?::int8[], ?::text[]) AS u(slot, customer, symptoms)
                 WHERE t.slot = u.slot AND t.customer = u.customer""")) {
            bind(c, s, keys);
            s.executeUpdate();
        }
    }

    /** Binds the keys and each row's symptom hashes (as an array literal, ascending) in the keys' order. */
    private void bind(Connection c, PreparedStatement s, List<Key> keys) throws SQLException {
        Long[] slots = new Long[keys.size()];
        Long[] customers = new Long[keys.size()];
        String[] symptoms = new String[keys.size()];
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            slots[i] = key.slot();
            customers[i] = key.customer();
            long[] hashes = rows.get(key).keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            literal.setLength(0);
            literal.append('{');
            for (int j = 0; j < hashes.length; j++) {
                literal.append(j == 0 ? "" : ",").append(hashes[j]);
            }
            symptoms[i] = literal.append('}').toString();
        }
        s.setArray(1, c.createArrayOf("int8", slots));
        s.setArray(2, c.createArrayOf("int8", customers));
        s.setArray(3, c.createArrayOf("text", symptoms));
    }
}

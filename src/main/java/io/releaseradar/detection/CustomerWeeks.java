package io.releaseradar.detection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One batch's additions to {@code rollup_customer_weeks} (migration V50): a rollup cell counts a customer in the hour
 * of their first contact under its (product, version, symptom), and again only once a full week has passed since
 * they were last counted there. So any window of up to a week, the longest detection window, counts each customer at
 * most once, and a customer's follow-ups are not taken for more customers. {@link #write} records the batch and
 * answers how many customers are counted in each of its cells. All contacts also counts a customer in an hour where
 * one of the version's symptoms counted them, so that no symptom of a version counts more customers than all its
 * contacts do, in any window.
 *
 * <p>Concurrent writers: {@link #write} first locks every row of the batch (inserting the missing ones) in one
 * statement, in key order, so two writers never deadlock and the second waits for the first's commit; then it decides
 * in Java and writes the rows back. A contact older than the week a customer was last counted in (a late one) counts
 * when it is a full week from that too. Entries two weeks older than a row's newest are dropped when the row is
 * written, so rows stay small; only a contact that late could count twice.
 *
 * <p>Cells are the caller's numbers (0, 1, 2, … in a batch), each always with the same symptom and hour.
 */
final class CustomerWeeks {

    /** A customer is counted again in a cell only this many hours after they were last counted there. */
    static final int WEEK_HOURS = 7 * 24;
    private static final int KEPT_HOURS = 2 * WEEK_HOURS;

    private record Key(long slot, long customer) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(slot, o.slot);
            return c != 0 ? c : Long.compare(customer, o.customer);
        }
    }

    /**
     * A customer's contacts in a (product, version): per contact and symptom, the cell, symptom hash, hour and 1 for
     * all contacts (else 0). All contacts keeps every hour it counted the customer (of the last two weeks), not only
     * the last, so that it never counts them twice in one hour, whatever order late contacts come in.
     */
    static final class Row {
        private final Key key;
        private final List<long[]> counts = new ArrayList<>();

        private Row(Key key) {
            this.key = key;
        }
    }

    private record Slot(String product, String version) {
    }

    private final Map<Key, Row> rows = new HashMap<>();
    private final Map<Slot, Long> slotHashes = new HashMap<>();
    private final Map<String, Long> customerHashes = new HashMap<>();
    private final Map<String, Long> symptomHashes = new HashMap<>();

    /** The row of a customer (a customer key: an id, or the contact's own key when anonymous) of a version. */
    Row row(String product, String version, String customer) {
        long slot = slotHashes.computeIfAbsent(new Slot(product, version), s -> Hashes.of(s.product(), s.version()));
        Key key = new Key(slot, customerHashes.computeIfAbsent(customer, Hashes::of));
        return rows.computeIfAbsent(key, Row::new);
    }

    /** The row's customer has a contact in the cell, which counts under the symptom in the hour (since the epoch). */
    void add(Row row, int cell, String symptom, long hour) {
        row.counts.add(new long[] {cell, symptomHashes.computeIfAbsent(symptom, Hashes::of), hour,
                symptom.isEmpty() ? 1 : 0});
    }

    /**
     * Records the batch's customers in the caller's transaction.
     *
     * @param cells how many cells the batch has
     * @return by cell, how many of its customers are counted in it
     */
    int[] write(Connection c, int cells) throws SQLException {
        int[] counted = new int[cells];
        if (rows.isEmpty()) {
            return counted;
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort((a, b) -> a.key.compareTo(b.key));
        Map<Key, Held> held = lock(c, sorted);
        Long[] slots = new Long[sorted.size()];
        Long[] customers = new Long[sorted.size()];
        String[] symptoms = new String[sorted.size()];
        String[] hours = new String[sorted.size()];
        String[] allHours = new String[sorted.size()];
        int i = 0;
        for (Row row : sorted) {
            Held h = held.get(row.key);
            // by hour, all contacts last in its hour: it also counts whoever a symptom counted in that hour
            row.counts.sort((a, b) -> a[2] != b[2] ? Long.compare(a[2], b[2]) : Long.compare(a[3], b[3]));
            long countedHour = Long.MIN_VALUE;
            for (long[] count : row.counts) {
                long hour = count[2];
                if (count[3] == 1) {
                    Long near = nearest(h.all, hour);
                    if (!h.all.contains(hour) && (countedHour == hour || near == null
                            || Math.abs(hour - near) >= WEEK_HOURS)) {
                        counted[(int) count[0]]++;
                        h.all.add(hour);
                    }
                    continue;
                }
                Long before = h.last.get(count[1]);
                if (before == null || Math.abs(hour - before) >= WEEK_HOURS) {
                    counted[(int) count[0]]++;
                    h.last.put(count[1], before == null ? hour : Math.max(before, hour));
                    countedHour = hour;
                }
            }
            long newest = Math.max(h.last.values().stream().mapToLong(Long::longValue).max().orElse(0),
                    h.all.isEmpty() ? 0 : h.all.last());
            h.last.values().removeIf(t -> t < newest - KEPT_HOURS);
            h.all.removeIf(t -> t < newest - KEPT_HOURS);
            slots[i] = row.key.slot();
            customers[i] = row.key.customer();
            symptoms[i] = literal(h.last.keySet());
            hours[i] = literal(h.last.values());
            allHours[i++] = literal(h.all);
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE rollup_customer_weeks t
                   SET symptoms = u.symptoms::int8[], counted = u.counted::int4[], all_hours = u.all_hours::int4[]
                  FROM unnest(?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[])
                       AS u(slot, customer, symptoms, counted, all_hours)
                 WHERE t.slot = u.slot AND t.customer = u.customer""")) {
            s.setArray(1, c.createArrayOf("int8", slots));
            s.setArray(2, c.createArrayOf("int8", customers));
            s.setArray(3, c.createArrayOf("text", symptoms));
            s.setArray(4, c.createArrayOf("text", hours));
            s.setArray(5, c.createArrayOf("text", allHours));
            s.executeUpdate();
        }
        return counted;
    }

    /**
     * Locks the rows, inserting the missing ones empty, in key order; returns each one's symptoms with the hour each
     * was last counted. The locks hold until the transaction ends, so what is returned stays true until then.
     */
    private static Map<Key, Held> lock(Connection c, List<Row> sorted) throws SQLException {
        Long[] slots = new Long[sorted.size()];
        Long[] customers = new Long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            slots[i] = sorted.get(i).key.slot();
            customers[i] = sorted.get(i).key.customer();
        }
        Map<Key, Held> out = new HashMap<>();
        // DO UPDATE (to the same value) locks an existing row as the insert locks a new one, row by row in the order
        // given; RETURNING then shows the row as it was.
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rollup_customer_weeks (slot, customer, symptoms, counted, all_hours)
                SELECT u.slot, u.customer, '{}', '{}', '{}' FROM unnest(?::int8[], ?::int8[]) AS u(slot, customer)
                ON CONFLICT (slot, customer) DO UPDATE SET symptoms = rollup_customer_weeks.symptoms
                RETURNING slot, customer, symptoms, counted, all_hours""")) {
            s.setArray(1, c.createArrayOf("int8", slots));
            s.setArray(2, c.createArrayOf("int8", customers));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Long[] symptoms = longs(r.getArray(3));
                    Integer[] hours = ints(r.getArray(4));
                    TreeMap<Long, Long> last = new TreeMap<>();
                    for (int i = 0; i < symptoms.length; i++) {
                        last.put(symptoms[i], (long) hours[i]);
                    }
                    TreeSet<Long> all = new TreeSet<>();
                    for (Integer hour : ints(r.getArray(5))) {
                        all.add((long) hour);
                    }
                    out.put(new Key(r.getLong(1), r.getLong(2)), new Held(last, all));
                }
            }
        }
        return out;
    }

    /** A row as locked: per symptom the hour it was last counted; the hours all contacts counted the customer. */
    private record Held(TreeMap<Long, Long> last, TreeSet<Long> all) {
    }

    /** The element of the set nearest to the hour, null when empty. */
    private static Long nearest(TreeSet<Long> hours, long hour) {
        Long below = hours.floor(hour);
        Long above = hours.ceiling(hour);
        if (below == null || above == null) {
            return below == null ? above : below;
        }
        return hour - below <= above - hour ? below : above;
    }

    private static Long[] longs(Array array) throws SQLException {
        try {
            return (Long[]) array.getArray();
        } finally {
            array.free();
        }
    }

    private static Integer[] ints(Array array) throws SQLException {
        try {
            return (Integer[]) array.getArray();
        } finally {
            array.free();
        }
    }

    /** An array literal ({@code {-5,3}}) of the numbers, in the order given. */
    private static String literal(Iterable<Long> numbers) {
        StringBuilder literal = new StringBuilder("{");
        for (Long n : numbers) {
            literal.append(literal.length() == 1 ? "" : ",").append(n);
        }
        return literal.append('}').toString();
    }
}

package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.ingest.ContactsStored;
import io.releaseradar.ingest.StoredContact;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the hourly rollups (product, version, symptom, hour) → contacts, distinct customers up to date, inside the
 * transaction that stored the contacts, so detection never scans raw contacts and never sees a contact twice.
 * Each contact counts under all contacts, its category and its key phrases ({@link Symptoms}), once per cell; a
 * customer counts in the hour of their first contact under a (version, symptom) and again only a week after they
 * were last counted there, whatever batches its contacts come in ({@link CustomerWeeks}), so their follow-ups are
 * not taken for more customers. Hours before that rule came in (migration V50) count a customer once per hour
 * ({@link CustomerSymptoms}), and hours before V13 per cell.
 * Rollups only ever grow by contacts added here, each counted in its hour's all-contacts cell: {@link RollupHourCache}
 * relies on it to tell a changed hour, so a writer that changes rollups otherwise must drop that cache.
 */
@ApplicationScoped
public class RollupWriter {

    /** One rollup cell. Ordered, so that concurrent writers lock cells in the same order. */
    record Cell(String product, String version, String symptom, Instant hour) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            int c = product.compareTo(o.product);
            c = c != 0 ? c : version.compareTo(o.version);
            c = c != 0 ? c : symptom.compareTo(o.symptom);
            return c != 0 ? c : hour.compareTo(o.hour);
        }
    }

    private final AgroalDataSource dataSource;
    private final RollupHourCache cells;
    private final SymptomKeys symptoms;
    /** See {@link #cutover()}; null until read. */
    private volatile Optional<Instant> cutover;
    /** See {@link #weeklyFrom()}; null until read. */
    private volatile Optional<Instant> weeklyFrom;

    RollupWriter(AgroalDataSource dataSource, RollupHourCache cells, SymptomKeys symptoms) {
        this.dataSource = dataSource;
        this.cells = cells;
        this.symptoms = symptoms;
    }

    void onContactsStored(@Observes ContactsStored event) throws SQLException {
        Instant cutover = cutover();
        Instant weeklyFrom = weeklyFrom();
        // Each cell is looked up once per contact counted in it, and numbered; the rest works on the numbers.
        // Up to 2 + max-phrases cells a contact; cells are sorted once, when written.
        Map<Cell, Integer> ids = new HashMap<>();
        List<Cell> cellsById = new ArrayList<>();
        int[] contacts = new int[256];
        CustomerSymptoms customers = new CustomerSymptoms();
        CustomerWeeks weeks = new CustomerWeeks();
        Map<Cell, Set<String>> beforeCutover = new HashMap<>();
        List<StoredContact> stored = event.contacts();
        for (int i = 0; i < stored.size(); i++) {
            StoredContact c = stored.get(i);
            // the keys ingest stored the contact's hashes of, when it gave them: extracted once
            List<String> keys = event.symptomKeys().isEmpty() ? symptoms.keysOf(c) : event.symptomKeys().get(i);
            Instant hour = c.receivedAt().truncatedTo(ChronoUnit.HOURS);
            String version = c.version() == null ? Symptoms.UNKNOWN_VERSION : c.version();
            String customer = c.customerId() != null ? c.customerId()
                    : "contact:" + c.source() + ":" + c.externalId();
            boolean old = cutover != null && hour.isBefore(cutover);
            boolean hourly = !old && weeklyFrom != null && hour.isBefore(weeklyFrom);
            CustomerSymptoms.Row row = hourly ? customers.row(c.product(), version, hour, customer) : null;
            CustomerWeeks.Row weekRow = old || hourly ? null : weeks.row(c.product(), version, customer);
            long epochHour = hour.getEpochSecond() / 3600;
            for (String symptom : keys) {
                Cell cell = new Cell(c.product(), version, symptom, hour);
                Integer known = ids.putIfAbsent(cell, cellsById.size());
                int id = known != null ? known : cellsById.size();
                if (known == null) {
                    cellsById.add(cell);
                    if (id == contacts.length) {
                        contacts = Arrays.copyOf(contacts, 2 * id);
                    }
                }
                contacts[id]++;
                if (old) {
                    beforeCutover.computeIfAbsent(cell, k -> new HashSet<>(4)).add(customer);
                } else if (hourly) {
                    customers.add(row, id, symptom);
                } else {
                    weeks.add(weekRow, id, symptom, epochHour);
                }
            }
        }
        // before writing: should the statements fail halfway, this transaction still never reads through the cache
        cells.wroteRollups();
        try (Connection connection = dataSource.getConnection()) {
            int[] newCustomers = customers.write(connection, cellsById.size());
            // each cell is in one hour, so counted by one of the three
            int[] weekly = weeks.write(connection, cellsById.size());
            for (int i = 0; i < weekly.length; i++) {
                newCustomers[i] += weekly[i];
            }
            // other hours than the cells above, so no cell is counted twice
            insertCustomersBeforeCutover(connection, beforeCutover)
                    .forEach((cell, n) -> newCustomers[ids.get(cell)] += n);
            upsertRollups(connection, cellsById, contacts, newCustomers);
        }
    }

    /**
     * The first hour whose distinct customers {@link CustomerSymptoms} keeps; earlier hours keep theirs in the
     * per-cell table they started in (migration V13). Null when every hour is kept the new way.
     */
    private Instant cutover() throws SQLException {
        Optional<Instant> known = cutover;
        if (known == null) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT before_hour FROM rollup_customer_cutover");
                    ResultSet r = s.executeQuery()) {
                known = Optional.ofNullable(r.next() ? r.getTimestamp(1).toInstant() : null);
            }
            cutover = known;
        }
        return known.orElse(null);
    }

    /**
     * The first hour counted the weekly way ({@link CustomerWeeks}); earlier hours, from {@link #cutover()} on, count a
     * customer once per hour. Null when every hour is counted weekly.
     */
    private Instant weeklyFrom() throws SQLException {
        Optional<Instant> known = weeklyFrom;
        if (known == null) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT from_hour FROM rollup_weekly_cutover");
                    ResultSet r = s.executeQuery()) {
                known = Optional.ofNullable(r.next() ? r.getTimestamp(1).toInstant() : null);
            }
            weeklyFrom = known;
        }
        return known.orElse(null);
    }

    /** Reads the cut-overs again at the next write: for tests that set one. */
    void forgetCutover() {
        cutover = null;
        weeklyFrom = null;
    }

    /**
     * Records which customers each cell has seen, for hours before the cut-over (one row per cell and customer);
     * returns how many were new per cell.
     */
    private Map<Cell, Integer> insertCustomersBeforeCutover(Connection c, Map<Cell, Set<String>> customers)
            throws SQLException {
        if (customers.isEmpty()) {
            return Map.of();
        }
        // Sorted by (cell hash, customer hash) so that concurrent writers take key locks in one order.
        Map<Long, Cell> cellOf = new HashMap<>();
        List<long[]> pairs = new ArrayList<>();
        // A customer is in every cell of its contact (one per symptom): hash it once.
        Map<String, Long> customerHash = new HashMap<>();
        customers.forEach((cell, set) -> {
            long cellHash = Hashes.of(cell.product(), cell.version(), cell.symptom(), cell.hour().toString());
            cellOf.put(cellHash, cell);
            set.forEach(key -> pairs.add(new long[] {cellHash, customerHash.computeIfAbsent(key, Hashes::of)}));
        });
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Long[] cells = new Long[pairs.size()];
        Long[] keys = new Long[pairs.size()];
        int i = 0;
        for (long[] pair : pairs) {
            cells[i] = pair[0];
            keys[i++] = pair[1];
        }
        Map<Cell, Integer> fresh = new HashMap<>();
        // Counted in the database: one row back per cell, not one per new (cell, customer) pair (about 26 a contact).
        try (PreparedStatement s = c.prepareStatement("""
                WITH fresh AS (
                    INSERT INTO hourly_rollup_customer (cell, customer)
                    SELECT * FROM unnest(?::int8[], ?::int8[])
                    ON CONFLICT DO NOTHING
                    RETURNING cell)
                SELECT cell, count(*)::int FROM fresh GROUP BY cell""")) {
            s.setArray(1, c.createArrayOf("int8", cells));
            s.setArray(2, c.createArrayOf("int8", keys));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fresh.put(cellOf.get(r.getLong(1)), r.getInt(2));
                }
            }
        }
        return fresh;
    }

    /** Adds the batch's counts to the rollups; {@code cellsById} numbers the cells of the other two arrays. */
    private void upsertRollups(Connection c, List<Cell> cellsById, int[] contacts, int[] newCustomers)
            throws SQLException {
        List<Object> products = new ArrayList<>(), versions = new ArrayList<>(), symptoms = new ArrayList<>(),
                hours = new ArrayList<>(), counts = new ArrayList<>(), distinct = new ArrayList<>();
        Integer[] order = new Integer[cellsById.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> cellsById.get(a).compareTo(cellsById.get(b))); // one lock order for writers
        for (int id : order) {
            Cell cell = cellsById.get(id);
            products.add(cell.product());
            versions.add(cell.version());
            symptoms.add(cell.symptom());
            hours.add(cell.hour());
            counts.add(contacts[id]);
            distinct.add(newCustomers[id]);
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO hourly_rollup (product, version, symptom, hour, contacts, customers)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::int[])
                ON CONFLICT (product, version, symptom, hour) DO UPDATE
                   SET contacts = hourly_rollup.contacts + excluded.contacts,
                       customers = hourly_rollup.customers + excluded.customers""")) {
            s.setArray(1, SqlArrays.text(c, products));
            s.setArray(2, SqlArrays.text(c, versions));
            s.setArray(3, SqlArrays.text(c, symptoms));
            s.setArray(4, SqlArrays.text(c, hours));
            s.setArray(5, SqlArrays.text(c, counts));
            s.setArray(6, SqlArrays.text(c, distinct));
            s.executeUpdate();
        }
    }
}

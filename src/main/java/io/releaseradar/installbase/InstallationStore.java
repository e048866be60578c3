package io.releaseradar.installbase;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes and queries the installation history. */
@ApplicationScoped
class InstallationStore {

    /** Lock buckets for (customer, product) histories; bounded so a big batch takes a bounded number of locks. */
    private static final int LOCK_BUCKETS = 512;

    /** The identity of an installation row. */
    record Key(String customerId, String product, Instant installedAt) {
    }

    private final AgroalDataSource dataSource;

    InstallationStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Serialises writers of the same customers' histories until the transaction ends, so that the ended_at chain
     * computed below sees every committed installation. Buckets are locked in ascending order: no deadlock.
     */
    void lockHistories(List<InstallationIn> rows) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT pg_advisory_xact_lock(8417, b) FROM (
                          SELECT DISTINCT abs(hashtext(cu || chr(31) || p)) % ? AS b
                            FROM unnest(?::text[], ?::text[]) AS t(cu, p)) k
                         ORDER BY b""")) {
            s.setInt(1, LOCK_BUCKETS);
            s.setArray(2, SqlArrays.text(c, rows.stream().map(InstallationIn::customerId).toList()));
            s.setArray(3, SqlArrays.text(c, rows.stream().map(InstallationIn::product).toList()));
            s.executeQuery().close();
        }
    }

    /** Inserts the rows that are new; returns the keys of those inserted. */
    Set<Key> insertNew(List<InstallationIn> rows) throws SQLException {
        Set<Key> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO installation (customer_id, product, version, installed_at)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[])
                        ON CONFLICT (customer_id, product, installed_at) DO NOTHING
                        RETURNING customer_id, product, installed_at""")) {
            bindRows(c, s, rows);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inserted.add(new Key(r.getString(1), r.getString(2), r.getObject(3, java.time.OffsetDateTime.class).toInstant()));
                }
            }
        }
        return inserted;
    }

    /** The stored versions of existing installations with these keys. */
    Map<Key, String> versionsOf(List<InstallationIn> rows) throws SQLException {
        Map<Key, String> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT i.customer_id, i.product, i.installed_at, i.version
                          FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[]) AS q(cu, p, v, at)
                          JOIN installation i ON i.customer_id = q.cu AND i.product = q.p AND i.installed_at = q.at
                        """)) {
            bindRows(c, s, rows);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(new Key(r.getString(1), r.getString(2), r.getObject(3, java.time.OffsetDateTime.class).toInstant()), r.getString(4));
                }
            }
        }
        return found;
    }

    /** Sets ended_at of every installation of these histories to the next installation's start. */
    void relinkHistories(List<InstallationIn> rows) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE installation i SET ended_at = n.next_at
                          FROM (SELECT id, lead(installed_at) OVER (PARTITION BY customer_id, product
                                                                    ORDER BY installed_at) AS next_at
                                  FROM installation
                                 WHERE (customer_id, product) IN (
                                        SELECT DISTINCT cu, p FROM unnest(?::text[], ?::text[]) AS t(cu, p))) n
                         WHERE i.id = n.id AND i.ended_at IS DISTINCT FROM n.next_at""")) {
            s.setArray(1, SqlArrays.text(c, rows.stream().map(InstallationIn::customerId).toList()));
            s.setArray(2, SqlArrays.text(c, rows.stream().map(InstallationIn::product).toList()));
            s.executeUpdate();
        }
    }

    /**
     * For each (customer, product, instant), the version that customer ran at that instant, or null. Uses the
     * unique index (customer_id, product, installed_at): one index probe per lookup.
     */
    List<String> versionsAt(List<String> customers, List<String> products, List<Instant> instants)
            throws SQLException {
        List<String> versions = new ArrayList<>(java.util.Collections.nCopies(customers.size(), null));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT q.i, inst.version
                          FROM unnest(?::text[], ?::text[], ?::timestamptz[]) WITH ORDINALITY AS q(cu, p, at, i)
                          CROSS JOIN LATERAL (
                                SELECT version FROM installation
                                 WHERE customer_id = q.cu AND product = q.p AND installed_at <= q.at
                                 ORDER BY installed_at DESC LIMIT 1) inst""")) {
            s.setArray(1, SqlArrays.text(c, customers));
            s.setArray(2, SqlArrays.text(c, products));
            s.setArray(3, SqlArrays.text(c, instants));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    versions.set((int) r.getLong(1) - 1, r.getString(2));
                }
            }
        }
        return versions;
    }

    private static void bindRows(Connection c, PreparedStatement s, List<InstallationIn> rows) throws SQLException {
        s.setArray(1, SqlArrays.text(c, rows.stream().map(InstallationIn::customerId).toList()));
        s.setArray(2, SqlArrays.text(c, rows.stream().map(InstallationIn::product).toList()));
        s.setArray(3, SqlArrays.text(c, rows.stream().map(InstallationIn::version).toList()));
        s.setArray(4, SqlArrays.text(c, rows.stream().map(InstallationIn::installedAt).toList()));
    }
}

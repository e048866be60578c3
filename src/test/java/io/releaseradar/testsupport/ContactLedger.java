package io.releaseradar.testsupport;

import io.releaseradar.platform.devdb.AutoDataSourceConfigSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * What the test database holds for a set of products, read over plain JDBC: for integration tests, whose service
 * runs in another process. "Stored exactly once" is three numbers agreeing: contact rows, distinct contact keys,
 * and the hourly rollups' all-contacts sums (a redelivered record counted twice shows there, not in the rows).
 */
public final class ContactLedger {

    private final String url = new AutoDataSourceConfigSource().getValue("radar.auto-datasource.url");
    private final Collection<String> products;

    public ContactLedger(Collection<String> products) {
        this.products = products;
    }

    /** Contact rows of the products. */
    public long rows() {
        return count("SELECT count(*) FROM contact WHERE product = ANY(?)", products);
    }

    /** Distinct (source, externalId) keys among those rows. */
    public long distinctKeys() {
        return count("SELECT count(DISTINCT (source, external_id)) FROM contact WHERE product = ANY(?)", products);
    }

    /** The sum of the hourly rollups' contact counts under "all contacts" (symptom ''). */
    public long rollupContacts() {
        return count("SELECT coalesce(sum(contacts), 0) FROM hourly_rollup WHERE product = ANY(?) AND symptom = ''",
                products);
    }

    /** Rows whose external id starts with the prefix (one batch of a test). */
    public long rowsWithExternalIdPrefix(String prefix) {
        return count("SELECT count(*) FROM contact WHERE product = ANY(?) AND starts_with(external_id, ?)",
                products, prefix);
    }

    /** Runs a count; a collection argument is bound as a text array. */
    private long count(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Collection<?> values) {
                    s.setArray(i + 1, c.createArrayOf("text", values.toArray()));
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + url, e);
        }
    }
}

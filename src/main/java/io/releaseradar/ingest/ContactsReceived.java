package io.releaseradar.ingest;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Contacts as stored, by event time: for detection's count of the current, unfinished hour (its rollups count whole
 * hours). Both reads are index ranges of {@code contact_by_version} or {@code contact_by_customer}.
 */
@ApplicationScoped
public class ContactsReceived {

    private static final String COLUMNS = """
            SELECT source, external_id, received_at, channel, customer_id, product, version, category, subject, body
              FROM contact""";

    private final AgroalDataSource dataSource;

    ContactsReceived(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The product's contacts of the given versions received in [from, to); {@code unresolved} adds those whose
     * version is not known. The caller names the versions (one index range each) so that no read visits the
     * product's other hours.
     */
    public List<StoredContact> ofVersions(String product, Collection<String> versions, boolean unresolved,
            Instant from, Instant to) {
        // two index ranges of (product, version, received_at) per version: an OR would scan all of the product's
        return read(COLUMNS + " WHERE product = ? AND version = ANY(?::text[]) AND received_at >= ? AND received_at < ?"
                + " UNION ALL " + COLUMNS
                + " WHERE ? AND product = ? AND version IS NULL AND received_at >= ? AND received_at < ?", (c, s) -> {
                    s.setString(1, product);
                    s.setArray(2, SqlArrays.text(c, List.copyOf(versions)));
                    s.setTimestamp(3, Timestamp.from(from));
                    s.setTimestamp(4, Timestamp.from(to));
                    s.setBoolean(5, unresolved);
                    s.setString(6, product);
                    s.setTimestamp(7, Timestamp.from(from));
                    s.setTimestamp(8, Timestamp.from(to));
                });
    }

    /** The product's contacts from these customers (by id) received in [from, to). */
    public List<StoredContact> ofCustomers(String product, Collection<String> customerIds, Instant from, Instant to) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return read(COLUMNS + " " + """
                 WHERE customer_id IS NOT NULL AND customer_id = ANY(?::text[]) AND product = ?
                   AND received_at >= ? AND received_at < ?""",
                (c, s) -> {
                    s.setArray(1, SqlArrays.text(c, List.copyOf(customerIds)));
                    s.setString(2, product);
                    s.setTimestamp(3, Timestamp.from(from));
                    s.setTimestamp(4, Timestamp.from(to));
                });
    }

    private interface Binder {
        void bind(Connection c, PreparedStatement s) throws SQLException;
    }

    private List<StoredContact> read(String sql, Binder binder) {
        List<StoredContact> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredContact(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            r.getString(9), r.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read contacts", e);
        }
    }
}

package io.releaseradar.ingest;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
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
 * hours). Both reads are index ranges of {@code contact_by_version} or {@code contact_by_customer}. They return the
 * hashes of the symptom keys each contact was counted under ({@link ContactSymptoms}, stored at ingest), and its
 * category and texts only where those are missing (contacts stored before they were kept, or erased since).
 */
@ApplicationScoped
public class ContactsReceived {

    /**
     * One contact as counting needs it. {@code symptomHashes} null: not stored, and then {@code category},
     * {@code subject} and {@code body} are the contact's (else null). {@code version} null: not resolved.
     */
    public record Received(String source, String externalId, String customerId, String version,
            long[] symptomHashes, String category, String subject, String body) {
    }

    /** The texts are read only where the hashes are missing. */
    private static final String COLUMNS = """
            SELECT %s, customer_id, version, symptom_hashes,
                   CASE WHEN symptom_hashes IS NULL THEN category END,
                   CASE WHEN symptom_hashes IS NULL THEN subject END,
                   CASE WHEN symptom_hashes IS NULL THEN body END
              FROM contact""";
    private static final String WITH_KEY = COLUMNS.formatted("source, external_id");
    private static final String WITHOUT_KEY = COLUMNS.formatted("NULL, NULL");

    private final AgroalDataSource dataSource;

    ContactsReceived(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The product's contacts of the given versions received in [from, to); {@code unresolved} adds those whose
     * version is not known. The caller names the versions (one index range each) so that no read visits the
     * product's other hours.
     */
    public List<Received> ofVersions(String product, Collection<String> versions, boolean unresolved,
            Instant from, Instant to) {
        // two index ranges of (product, version, received_at) per version: an OR would scan all of the product's
        return read(WITH_KEY + " WHERE product = ? AND version = ANY(?::text[]) AND received_at >= ? AND received_at < ?"
                + " UNION ALL " + WITH_KEY
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

    /**
     * The product's contacts from these customers (by id) received in [from, to), without their keys (source and
     * external id are null).
     */
    public List<Received> ofCustomers(String product, Collection<String> customerIds, Instant from, Instant to) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return read(WITHOUT_KEY + " " + """
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

    private List<Received> read(String sql, Binder binder) {
        List<Received> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Received(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            hashes(r.getArray(5)), r.getString(6), r.getString(7), r.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read contacts", e);
        }
    }

    private static long[] hashes(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Long[] held = (Long[]) array.getArray();
        array.free();
        long[] out = new long[held.length];
        for (int i = 0; i < held.length; i++) {
            out[i] = held[i];
        }
        return out;
    }
}

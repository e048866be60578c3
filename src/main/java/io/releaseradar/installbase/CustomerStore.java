package io.releaseradar.installbase;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes the customer table, including the erasure of a customer's personal data. */
@ApplicationScoped
class CustomerStore {

    private final AgroalDataSource dataSource;

    CustomerStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Upserts customers with distinct ids, in id order so that concurrent batches lock rows in one order. */
    void upsert(List<CustomerIn> customers) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO customer (id, name, email, locale, opted_out)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bool[]) ORDER BY 1
                        ON CONFLICT (id) DO UPDATE
                           SET name = excluded.name, email = excluded.email, locale = excluded.locale,
                               opted_out = excluded.opted_out, updated_at = now()
                         WHERE customer.erased_at IS NULL
                           AND (customer.name, customer.email, customer.locale, customer.opted_out)
                               IS DISTINCT FROM (excluded.name, excluded.email, excluded.locale, excluded.opted_out)
                        """)) {
            s.setArray(1, SqlArrays.text(c, customers.stream().map(CustomerIn::id).toList()));
            s.setArray(2, SqlArrays.text(c, customers.stream().map(CustomerIn::name).toList()));
            s.setArray(3, SqlArrays.text(c, customers.stream().map(CustomerIn::email).toList()));
            s.setArray(4, SqlArrays.text(c, customers.stream().map(CustomerIn::locale).toList()));
            s.setArray(5, SqlArrays.bool(c, customers.stream().map(CustomerIn::optedOut).toList()));
            s.executeUpdate();
        }
    }

    /** The erased customers among {@code ids}. */
    Set<String> erasedAmong(Collection<String> ids) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM customer WHERE id = ANY (?) AND erased_at IS NOT NULL")) {
            s.setArray(1, SqlArrays.text(c, List.copyOf(ids)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Clears the customer's personal data and marks it erased (the first instant is kept on repeats).
     *
     * @return false when no such customer is known
     */
    boolean erase(String id, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE customer SET name = NULL, email = NULL, locale = NULL, opted_out = true,
                               unsubscribed_at = NULL, erased_at = coalesce(erased_at, ?), updated_at = now()
                         WHERE id = ?""")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }
}

package io.releaseradar.installbase;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Customers' addresses as they are now, and their own unsubscribe, which the install-base feed cannot undo. */
@ApplicationScoped
public class CustomerDirectory {

    /** A customer's mailing details now. {@code optedOut}: by the feed, or by unsubscribing. */
    public record Addressee(String id, String name, String email, String locale, boolean optedOut) {
    }

    private final AgroalDataSource dataSource;

    CustomerDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The known customers among {@code ids}, by id. */
    public Map<String, Addressee> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT id, name, email, locale, opted_out OR unsubscribed_at IS NOT NULL
                          FROM customer WHERE id = ANY (?)""")) {
            s.setArray(1, SqlArrays.text(c, List.copyOf(ids)));
            Map<String, Addressee> out = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Addressee(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getBoolean(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read customers", e);
        }
    }

    /**
     * The customer asked to get no more notices. Sticky: the feed's {@code optedOut=false} does not undo it. Repeating
     * it keeps the first instant.
     *
     * @return false when no such customer is known (or it was erased: an erased customer is never mailed anyway)
     */
    public boolean unsubscribe(String customerId, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE customer SET unsubscribed_at = coalesce(unsubscribed_at, ?), updated_at = now()
                         WHERE id = ? AND erased_at IS NULL""")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, customerId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not unsubscribe a customer", e);
        }
    }
}

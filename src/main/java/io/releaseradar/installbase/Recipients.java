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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who runs which version of a product at an instant, with what the notices feature needs to mail them: the install
 * base read as audiences.
 */
@ApplicationScoped
public class Recipients {

    /**
     * A customer running {@code version} of the product.
     *
     * @param name null when the feed gave none
     * @param email null when the customer is not in the customer feed (an installation may arrive first)
     * @param optedOut opted out by the feed, or unsubscribed themselves
     */
    public record Recipient(String customerId, String version, String name, String email, boolean optedOut) {
    }

    private final AgroalDataSource dataSource;

    Recipients(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The customers whose installation of the product active at {@code asOf} (event time: installed at or before it,
     * not replaced by then) is one of {@code versions}, by customer id.
     */
    public List<Recipient> running(String product, Collection<String> versions, Instant asOf) {
        if (versions.isEmpty()) {
            return List.of();
        }
        // installation_by_version covers the range scan; ended_at > asOf keeps installations replaced only later.
        String sql = """
                SELECT i.customer_id, i.version, c.name, c.email,
                       coalesce(c.opted_out OR c.unsubscribed_at IS NOT NULL, false)
                  FROM installation i
                  LEFT JOIN customer c ON c.id = i.customer_id
                 WHERE i.product = ? AND i.version = ANY (?) AND i.installed_at <= ?
                   AND (i.ended_at IS NULL OR i.ended_at > ?)
                 ORDER BY i.customer_id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, product);
            s.setArray(2, SqlArrays.text(c, List.copyOf(versions)));
            s.setTimestamp(3, Timestamp.from(asOf));
            s.setTimestamp(4, Timestamp.from(asOf));
            s.setFetchSize(5000);
            List<Recipient> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Recipient(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getBoolean(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read the audience", e);
        }
    }
}

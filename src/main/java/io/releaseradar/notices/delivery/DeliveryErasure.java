package io.releaseradar.notices.delivery;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A customer's side of the notices outbox when the customer is erased: pending deliveries are cancelled (never sent),
 * and the reasons kept on their failed deliveries, which may quote the mail server's answer about their address,
 * are replaced. The rows stay, with their states, so each notice's counts stay as they were.
 */
@ApplicationScoped
public class DeliveryErasure {

    /** The reason recorded on the customer's deliveries. */
    public static final String ERASED = "ERASED";

    private final AgroalDataSource dataSource;
    private final DeliveryStore store;

    DeliveryErasure(AgroalDataSource dataSource, DeliveryStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /**
     * Cancels the customer's pending deliveries and clears the reasons of the others; a mail being handed to SMTP at
     * this moment still goes (as with cancelling a notice). Joins the caller's transaction.
     *
     * @return deliveries cancelled
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseCustomer(String customerId, Instant now) {
        Set<UUID> notices = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE notice_delivery SET state = 'CANCELLED', reason = ?, lease_owner = NULL, lease_until = NULL
                     WHERE customer_id = ? AND state = 'PENDING'
                    RETURNING notice_id""")) {
                s.setString(1, ERASED);
                s.setString(2, customerId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        notices.add(r.getObject(1, UUID.class));
                    }
                }
            }
            // A failure's reason may quote the server's answer about the address; suppression reasons are codes.
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE notice_delivery SET reason = ? WHERE customer_id = ? AND state = 'FAILED'")) {
                s.setString(1, ERASED);
                s.setString(2, customerId);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not erase a customer's notice deliveries", e);
        }
        // A notice whose last pending delivery was this customer's is done now.
        store.finishNotices(notices, now);
        return notices.size();
    }
}

package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Forgets an erased customer in the rollups' per-customer state: the rows that say which symptoms (hashes of the
 * phrases of their words) a customer was counted under, per version ({@code rollup_customer_weeks}) or per hour
 * (the older {@code rollup_customer_symptoms} and {@code hourly_rollup_customer}). A phrase's hash is easy to guess
 * from the phrase, so these rows link the customer to what they wrote, as the contacts' own symptom hashes did. The
 * rollups' counts stay. The cost: should the customer write again within the week under a symptom they were counted
 * under, they count again, once. The tables have no index by customer alone, so this reads them whole (an erasure
 * is rare).
 */
@ApplicationScoped
public class RollupCustomerErasure {

    private static final String[] TABLES = {"rollup_customer_weeks", "rollup_customer_symptoms",
        "hourly_rollup_customer"};

    private final AgroalDataSource dataSource;

    RollupCustomerErasure(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deletes the customer's rows (by the hash of their id, as the rollups key them); joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseCustomer(String customerId) {
        long customer = Hashes.of(customerId);
        int deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            for (String table : TABLES) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE customer = ?")) {
                    s.setLong(1, customer);
                    deleted += s.executeUpdate();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not erase the customer's rollup rows", e);
        }
    }
}

package io.releaseradar.alerts.notify;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the alert_subscription table; callers bring the transaction. */
@ApplicationScoped
class SubscriptionStore {

    private static final String COLUMNS =
            "id, product, min_severity, email, webhook_url, webhook_secret, kind, routing_key";

    private final AgroalDataSource dataSource;

    SubscriptionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates or replaces the subscription; true when it was created. */
    boolean upsert(Subscription s) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        INSERT INTO alert_subscription (id, product, min_severity, email, webhook_url, webhook_secret,
                                                        kind, routing_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE
                           SET product = excluded.product, min_severity = excluded.min_severity,
                               email = excluded.email, webhook_url = excluded.webhook_url,
                               webhook_secret = excluded.webhook_secret, kind = excluded.kind,
                               routing_key = excluded.routing_key, updated_at = now()
                        RETURNING (xmax = 0) AS created""")) {
            st.setString(1, s.id());
            st.setString(2, s.product());
            st.setString(3, s.minSeverity().name());
            st.setString(4, s.email());
            st.setString(5, s.webhookUrl());
            st.setString(6, s.webhookSecret());
            st.setString(7, s.kind().wire());
            st.setString(8, s.routingKey());
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    List<Subscription> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM alert_subscription ORDER BY id");
                ResultSet r = st.executeQuery()) {
            List<Subscription> all = new ArrayList<>();
            while (r.next()) {
                all.add(read(r));
            }
            return all;
        }
    }

    Optional<Subscription> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM alert_subscription WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet r = st.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /** True when it existed. */
    boolean delete(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM alert_subscription WHERE id = ?")) {
            st.setString(1, id);
            return st.executeUpdate() == 1;
        }
    }

    private static Subscription read(ResultSet r) throws SQLException {
        return new Subscription(r.getString(1), r.getString(2), Severity.valueOf(r.getString(3)), r.getString(4),
                r.getString(5), r.getString(6), ReceiverKind.fromWire(r.getString(7)).orElseThrow(), r.getString(8));
    }
}

package io.releaseradar.alerts.notify;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.alerts.AlertChanged;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The alert_outbox table: rows are written in the transaction that changed the alert, and claimed by the delivery
 * worker with {@code FOR UPDATE SKIP LOCKED}, so any number of workers (threads or replicas) send each row once.
 * Callers bring the transaction.
 */
@ApplicationScoped
class AlertOutbox {

    /** Longest last_error kept; receivers' error pages can be long. */
    private static final int MAX_ERROR = 1000;
    /** The change_key of every ROLLOUT_HOLD row (V8 checks it). */
    static final String ROLLOUT_HOLD_KEY = "rollout-hold";
    /** The changes that end an alert; a PagerDuty subscriber's row for one resolves its incident (V36 indexes). */
    static final Set<String> CLOSING_CHANGES = Set.of("RESOLVED", "DISMISSED");

    private final AgroalDataSource dataSource;

    AlertOutbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One e-mail and/or webhook row per subscription that matches the alert (its product or every product, and a
     * minimum severity at or below the alert's). A row that exists already for the alert, subscription, channel
     * and severity is left alone: that is what keeps a subscriber from hearing of the same alert twice.
     *
     * @return rows written
     */
    int enqueueDeliveries(AlertChanged event, String payload, Instant now) throws SQLException {
        Severity severity = event.alert().severity();
        List<String> reached = Arrays.stream(Severity.values()).filter(severity::atLeast).map(Enum::name).toList();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO alert_outbox (delivery_id, channel, alert_id, product, severity, change,
                                                  subscription_id, payload, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), d.channel, ?, ?, ?, ?, sub.id, ?, ?, ?
                          FROM alert_subscription sub
                         CROSS JOIN LATERAL (VALUES ('EMAIL', sub.email), ('WEBHOOK', sub.webhook_url))
                               AS d(channel, address)
                         WHERE d.address IS NOT NULL
                           AND (sub.product IS NULL OR sub.product = ?)
                           AND sub.min_severity = ANY (?)
                         ORDER BY sub.id, d.channel
                        ON CONFLICT DO NOTHING""")) {
            s.setObject(1, event.alert().id());
            s.setString(2, event.alert().product());
            s.setString(3, severity.name());
            s.setString(4, event.change().name());
            s.setString(5, payload);
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            s.setString(8, event.alert().product());
            s.setArray(9, SqlArrays.text(c, reached));
            return s.executeUpdate();
        }
    }

    /**
     * One WEBHOOK row per PagerDuty subscription that was paged for the alert (a trigger row that has not failed for
     * good), so that its incident is resolved; the alert's resolution or dismissal, whichever came first, is the
     * only one sent (index alert_outbox_one_closing). Sent only after that subscription's earlier rows of the alert
     * are settled: see {@link #claimDue}.
     *
     * @return rows written
     */
    int enqueueClosings(AlertChanged event, String payload, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO alert_outbox (delivery_id, channel, alert_id, product, severity, change,
                                                  subscription_id, payload, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), 'WEBHOOK', ?, ?, ?, ?, sub.id, ?, ?, ?
                          FROM alert_subscription sub
                         WHERE sub.kind = 'pagerduty'
                           AND EXISTS (SELECT 1 FROM alert_outbox t
                                        WHERE t.alert_id = ? AND t.subscription_id = sub.id
                                          AND t.channel = 'WEBHOOK' AND t.state <> 'FAILED')
                         ORDER BY sub.id
                        ON CONFLICT DO NOTHING""")) {
            s.setObject(1, event.alert().id());
            s.setString(2, event.alert().product());
            s.setString(3, event.alert().severity().name());
            s.setString(4, event.change().name());
            s.setString(5, payload);
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            s.setObject(8, event.alert().id());
            return s.executeUpdate();
        }
    }

    /** The Kafka record of one alert change; false when this change was recorded already. */
    boolean enqueueFeedRecord(AlertChanged event, String payload, String changeKey, Instant now)
            throws SQLException {
        return enqueueKeyed(OutboxRow.Channel.KAFKA, event, payload, changeKey, now);
    }

    /**
     * The request to pause the rollout of the alert's version; false when one was queued for this alert already.
     * The fixed change key makes that one request per alert, ever (index alert_outbox_one_record).
     */
    boolean enqueueRolloutHold(AlertChanged event, String payload, Instant now) throws SQLException {
        return enqueueKeyed(OutboxRow.Channel.ROLLOUT_HOLD, event, payload, ROLLOUT_HOLD_KEY, now);
    }

    private boolean enqueueKeyed(OutboxRow.Channel channel, AlertChanged event, String payload, String changeKey,
            Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO alert_outbox (delivery_id, channel, alert_id, product, severity, change,
                                                  change_key, payload, next_attempt_at, created_at)
                        VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")) {
            s.setString(1, channel.name());
            s.setObject(2, event.alert().id());
            s.setString(3, event.alert().product());
            s.setString(4, event.alert().severity().name());
            s.setString(5, event.change().name());
            s.setString(6, changeKey);
            s.setString(7, payload);
            s.setTimestamp(8, Timestamp.from(now));
            s.setTimestamp(9, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Locks and returns up to {@code limit} pending rows due at {@code now}, oldest first, skipping rows another
     * worker holds. The locks last until the caller's transaction ends, after the rows were sent and marked.
     * Kafka rows are left for later when the feed has no broker. A closing row waits while an earlier row of its
     * alert and subscription is pending (backing off, or being sent by another worker), so that PagerDuty never
     * gets the resolve before the trigger it resolves.
     */
    List<OutboxRow> claimDue(Instant now, int limit, boolean withFeed) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT o.id, o.delivery_id, o.channel, o.alert_id, o.product, o.severity, o.change,
                               o.subscription_id, o.payload, o.attempts, sub.id IS NOT NULL, sub.email,
                               sub.webhook_url, sub.webhook_secret, sub.kind, sub.routing_key
                          FROM alert_outbox o
                          LEFT JOIN alert_subscription sub ON sub.id = o.subscription_id
                         WHERE o.state = 'PENDING' AND o.next_attempt_at <= ? AND (? OR o.channel <> 'KAFKA')
                           AND NOT (o.change IN ('RESOLVED', 'DISMISSED') AND o.channel = 'WEBHOOK'
                                    AND EXISTS (SELECT 1 FROM alert_outbox t
                                                 WHERE t.alert_id = o.alert_id
                                                   AND t.subscription_id = o.subscription_id
                                                   AND t.channel = o.channel AND t.state = 'PENDING'
                                                   AND t.id < o.id))
                         ORDER BY o.next_attempt_at, o.id
                         LIMIT ?
                           FOR UPDATE OF o SKIP LOCKED""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setBoolean(2, withFeed);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                List<OutboxRow> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(new OutboxRow(r.getLong(1), r.getObject(2, UUID.class),
                            OutboxRow.Channel.valueOf(r.getString(3)), r.getObject(4, UUID.class), r.getString(5),
                            Severity.valueOf(r.getString(6)), r.getString(7), r.getString(8), r.getString(9),
                            r.getInt(10), r.getBoolean(11), r.getString(12), r.getString(13), r.getString(14),
                            ReceiverKind.fromWire(r.getString(15)).orElse(ReceiverKind.WEBHOOK), r.getString(16)));
                }
                return rows;
            }
        }
    }

    void markSent(long id, int attempts, Instant at) throws SQLException {
        update("UPDATE alert_outbox SET state = 'SENT', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                attempts, Timestamp.from(at), id);
    }

    void markRetry(long id, int attempts, Instant next, String error) throws SQLException {
        update("UPDATE alert_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts, Timestamp.from(next), truncate(error), id);
    }

    void markFailed(long id, int attempts, String error) throws SQLException {
        update("UPDATE alert_outbox SET state = 'FAILED', attempts = ?, last_error = ? WHERE id = ?",
                attempts, truncate(error), id);
    }

    /** Gives up the pending e-mails and webhook calls of a subscription. */
    void failPendingDeliveries(String subscriptionId, String reason) throws SQLException {
        update("UPDATE alert_outbox SET state = 'FAILED', last_error = ? WHERE subscription_id = ? "
                + "AND state = 'PENDING'", reason, subscriptionId);
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}

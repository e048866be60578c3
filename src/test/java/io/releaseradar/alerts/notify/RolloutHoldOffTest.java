package io.releaseradar.alerts.notify;

import static io.releaseradar.alerts.AlertTestSupport.finding;
import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Without {@code radar.alerts.rollout-hold.url} (the notification tests' profile sets none) no hold is asked for,
 * and one queued while it was set is not sent once it is gone. Also what the schema (V8) allows of hold rows.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class RolloutHoldOffTest {

    @Inject
    AlertTestSupport alerts;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    private List<List<Object>> holdRows(UUID alert) {
        return Db.rows(ds, "SELECT state, attempts, last_error FROM alert_outbox "
                + "WHERE alert_id = ? AND channel = 'ROLLOUT_HOLD'", alert);
    }

    @Test
    void aCriticalAlertQueuesNoHoldWhenNoUrlIsConfigured() {
        String product = uniqueProduct();
        AlertView alert = alerts.apply(product, Instant.parse("2026-03-05T12:00:00Z"),
                finding(product, "2.4.0", Severity.CRITICAL, 20.0)).opened().get(0);

        assertEquals(List.of(), holdRows(alert.id()));
        as(Roles.SUPPORT_LEAD).get("/api/v1/alerts/{id}", alert.id().toString()).then().statusCode(200)
                .body("severity", Matchers.equalTo("CRITICAL"))
                .body("rolloutHoldRequestedAt", Matchers.nullValue());
    }

    /** Inserts a ROLLOUT_HOLD row as the requester would; the number of rows inserted. */
    private int insertHold(UUID alert, String changeKey, String subscription) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO alert_outbox (delivery_id, channel, alert_id, product, severity, change, change_key,
                                          subscription_id, payload, next_attempt_at, created_at)
                VALUES (gen_random_uuid(), 'ROLLOUT_HOLD', ?, 'p-hold', 'CRITICAL', 'OPENED', ?, ?,
                        '{"action":"PAUSE_ROLLOUT"}', now(), now())
                ON CONFLICT DO NOTHING""")) {
            s.setObject(1, alert);
            s.setString(2, changeKey);
            s.setString(3, subscription);
            return s.executeUpdate();
        }
    }

    @Test
    void theSchemaKeepsOneHoldRequestPerAlertWithoutASubscription() throws SQLException {
        UUID alert = UUID.randomUUID();
        assertEquals(1, insertHold(alert, "rollout-hold", null));
        assertEquals(0, insertHold(alert, "rollout-hold", null), "one per alert");
        assertThrows(SQLException.class, () -> insertHold(alert, "rollout-hold-2", null));
        assertThrows(SQLException.class, () -> insertHold(UUID.randomUUID(), null, null));
        assertThrows(SQLException.class, () -> insertHold(UUID.randomUUID(), "rollout-hold", "some-subscription"));
        // A test row, not a request: with a URL configured (RolloutHoldTest) the next worker run would send it.
        update("UPDATE alert_outbox SET state = 'FAILED', last_error = 'test row' WHERE alert_id = ?", alert);
    }

    private void update(String sql, Object arg) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            s.executeUpdate();
        }
    }

    @Test
    void aRequestQueuedWhileTheUrlWasSetFailsInsteadOfGoingOutLater() throws SQLException {
        UUID alert = UUID.randomUUID();
        insertHold(alert, "rollout-hold", null);

        worker.deliverDue(Instant.now());

        assertEquals(List.of(List.of("FAILED", 1, "radar.alerts.rollout-hold.url is no longer set")),
                holdRows(alert));
    }
}

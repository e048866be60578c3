package io.releaseradar.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and writes the alert table. Callers run in a transaction; "one active alert per (product, version)" is the
 * partial unique index {@code alert_one_active}, which holds across replicas.
 */
@ApplicationScoped
class AlertStore {

    /** An alert row: the view plus what the lifecycle needs. */
    record Row(AlertView view, double score, Instant closedAt) {

        AlertLifecycle.Latest latest() {
            return new AlertLifecycle.Latest(view.status(), view.severity(), score, closedAt);
        }
    }

    private static final String COLUMNS = """
            id, product, version, severity, status, opened_at, updated_at, summary, signals, sample_contacts,
            regressed, reason, score, closed_at, rollout_hold_requested_at, auto_notice_id""";
    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {
    };
    private static final TypeReference<List<AlertView.SampleContact>> SAMPLES = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    AlertStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The version key of the table: the version, or '' for a product-wide alert. */
    static String versionKey(String version) {
        return version == null ? "" : version;
    }

    /** The key's active alert, else its most recently opened one, locked until the transaction ends. */
    Optional<Row> latestForUpdate(String product, String version) {
        List<Row> rows = query("SELECT " + COLUMNS + """
                 FROM alert WHERE product = ? AND version_key = ?
                ORDER BY status IN ('OPEN', 'ACKNOWLEDGED') DESC, opened_at DESC, updated_at DESC
                LIMIT 1 FOR UPDATE""", product, versionKey(version));
        return rows.stream().findFirst();
    }

    Optional<Row> byId(UUID id, boolean forUpdate) {
        return query("SELECT " + COLUMNS + " FROM alert WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), id)
                .stream().findFirst();
    }

    /**
     * Lists alerts newest first. {@code product}, {@code versionKey} ('' = product-wide) and {@code status} filter
     * when not null.
     */
    List<AlertView> list(String product, String versionKey, AlertView.Status status) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE true");
        List<Object> args = new ArrayList<>();
        if (product != null) {
            sql.append(" AND product = ?");
            args.add(product);
        }
        if (versionKey != null) {
            sql.append(" AND version_key = ?");
            args.add(versionKey);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY opened_at DESC, updated_at DESC, id");
        return query(sql.toString(), args.toArray()).stream().map(Row::view).toList();
    }

    /**
     * Inserts a new active alert unless the key has one already (another evaluation, perhaps on another replica,
     * opened it first: then this waits for that transaction and inserts nothing). True when inserted.
     */
    boolean insertIfNoneActive(AlertView a, double score, String symptom) {
        return update("""
                INSERT INTO alert (id, product, version, version_key, severity, status, opened_at, updated_at, summary,
                                   score, symptom, signals, sample_contacts, regressed, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
                ON CONFLICT (product, version_key) WHERE status IN ('OPEN', 'ACKNOWLEDGED') DO NOTHING""",
                a.id(), a.product(), a.version(), versionKey(a.version()), a.severity().name(), a.status().name(),
                Timestamp.from(a.openedAt()), Timestamp.from(a.updatedAt()), a.summary(), score, symptom,
                write(a.signals()), write(a.sampleContacts()), a.regressed(), a.reason()) == 1;
    }

    /** Replaces the evidence of an alert with a stronger finding's. */
    void updateEvidence(AlertView a, double score, String symptom) {
        update("""
                UPDATE alert SET severity = ?, updated_at = ?, summary = ?, score = ?, symptom = ?, signals = ?::jsonb,
                                 sample_contacts = ?::jsonb
                 WHERE id = ?""", a.severity().name(), Timestamp.from(a.updatedAt()), a.summary(), score, symptom,
                write(a.signals()), write(a.sampleContacts()), a.id());
    }

    /** Sets rollout_hold_requested_at unless it is set already; true when it was set now. */
    boolean recordRolloutHoldRequested(UUID id, Instant at) {
        return update("UPDATE alert SET rollout_hold_requested_at = ? "
                + "WHERE id = ? AND rollout_hold_requested_at IS NULL", Timestamp.from(at), id) == 1;
    }

    /** A support lead's transition; {@code closedAt} is set for RESOLVED and DISMISSED. */
    void updateStatus(UUID id, AlertView.Status status, String reason, Instant updatedAt, Instant closedAt) {
        update("UPDATE alert SET status = ?, reason = ?, updated_at = ?, closed_at = ? WHERE id = ?", status.name(),
                reason, Timestamp.from(updatedAt), closedAt == null ? null : Timestamp.from(closedAt), id);
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not write alert", e);
        }
    }

    private List<Row> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read alerts", e);
        }
    }

    /** The symptom the alert's evidence is about: its row's symptom (null: all contacts). */
    Optional<Optional<String>> symptomOf(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT symptom FROM alert WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Optional.ofNullable(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read an alert", e);
        }
    }

    /** Records the notice the product's policy created for the alert; the first one stays. */
    void recordAutoNotice(UUID alertId, UUID noticeId) {
        update("UPDATE alert SET auto_notice_id = ? WHERE id = ? AND auto_notice_id IS NULL", noticeId, alertId);
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private Row row(ResultSet r) throws SQLException {
        Timestamp closed = r.getTimestamp(14);
        Timestamp holdRequested = r.getTimestamp(15);
        AlertView view = new AlertView(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                Severity.valueOf(r.getString(4)), AlertView.Status.valueOf(r.getString(5)),
                r.getTimestamp(6).toInstant(), r.getTimestamp(7).toInstant(), r.getString(8),
                read(r.getString(9), SIGNALS), read(r.getString(10), SAMPLES), r.getBoolean(11), r.getString(12),
                holdRequested == null ? null : holdRequested.toInstant(), r.getObject(16, UUID.class));
        return new Row(view, r.getDouble(13), closed == null ? null : closed.toInstant());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write alert JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored alert JSON is unreadable", e);
        }
    }
}

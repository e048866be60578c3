package io.releaseradar.notices;

import io.agroal.api.AgroalDataSource;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The notice and notice_audit tables. Callers bring the transaction. */
@ApplicationScoped
class NoticeStore {

    /** A notice row, with what the service needs beyond the view. */
    record Row(UUID id, String product, String version, UUID alertId, Audience audience, String subject, String body,
            NoticeView.Status status, int audienceSize, Instant audienceAsOf, String symptom, boolean critical,
            boolean auto, Instant createdAt, Instant approvedAt, Instant finishedAt) {
    }

    private static final String COLUMNS = """
            id, product, version, alert_id, audience, subject, body, status, audience_size, audience_as_of, symptom,
            critical, auto, created_at, approved_at, finished_at""";

    private final AgroalDataSource dataSource;

    NoticeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts a notice. An auto notice for an alert that has one already is not inserted.
     *
     * @return false when it was not inserted
     */
    boolean insert(Row n) {
        return update("""
                INSERT INTO notice (id, product, version, alert_id, audience, subject, body, status, audience_size,
                                    audience_as_of, symptom, critical, auto, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (alert_id) WHERE auto DO NOTHING""",
                n.id(), n.product(), n.version(), n.alertId(), n.audience().name(), n.subject(), n.body(),
                n.status().name(), n.audienceSize(), ts(n.audienceAsOf()), n.symptom(), n.critical(), n.auto(),
                ts(n.createdAt())) == 1;
    }

    /** The notice's translations, with its placeholders filled like its default text. */
    void insertTranslations(UUID id, Map<String, Translation> translations) {
        for (Map.Entry<String, Translation> t : translations.entrySet()) {
            update("INSERT INTO notice_translation (notice_id, locale, subject, body) VALUES (?, ?, ?, ?)", id,
                    t.getKey(), t.getValue().subject(), t.getValue().body());
        }
    }

    /** By language tag, sorted. */
    Map<String, Translation> translationsOf(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT locale, subject, body FROM notice_translation WHERE notice_id = ? ORDER BY locale")) {
            s.setObject(1, id);
            Map<String, Translation> out = new TreeMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Translation(r.getString(2), r.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read a notice's translations", e);
        }
    }

    Optional<Row> byId(UUID id, boolean forUpdate) {
        return query("SELECT " + COLUMNS + " FROM notice WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), id)
                .stream().findFirst();
    }

    /** Notices newest first, by product and version when given. */
    List<Row> list(String product, String version) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notice WHERE true");
        List<Object> args = new ArrayList<>();
        if (product != null) {
            sql.append(" AND product = ?");
            args.add(product);
        }
        if (version != null) {
            sql.append(" AND version = ?");
            args.add(version);
        }
        sql.append(" ORDER BY created_at DESC, id");
        return query(sql.toString(), args.toArray());
    }

    void approve(UUID id, NoticeView.Status status, int audienceSize, Instant audienceAsOf, Instant at) {
        update("""
                UPDATE notice SET status = ?, audience_size = ?, audience_as_of = ?, approved_at = ?,
                                  finished_at = CASE WHEN ? = 'SENT' THEN ?::timestamptz END
                 WHERE id = ?""", status.name(), audienceSize, ts(audienceAsOf), ts(at), status.name(), ts(at), id);
    }

    void cancel(UUID id, Instant at) {
        update("UPDATE notice SET status = 'CANCELLED', finished_at = ? WHERE id = ?", ts(at), id);
    }

    /** The draft's audience again, as of a later instant. */
    void refreshDraft(UUID id, int audienceSize, Instant audienceAsOf) {
        update("UPDATE notice SET audience_size = ?, audience_as_of = ? WHERE id = ? AND status = 'DRAFT'",
                audienceSize, ts(audienceAsOf), id);
    }

    void audit(UUID id, String action, String actor, Instant at) {
        update("INSERT INTO notice_audit (notice_id, action, actor, at) VALUES (?, ?, ?, ?)", id, action, actor,
                ts(at));
    }

    List<NoticeView.AuditEntry> auditOf(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT action, actor, at FROM notice_audit WHERE notice_id = ? ORDER BY id")) {
            s.setObject(1, id);
            List<NoticeView.AuditEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new NoticeView.AuditEntry(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read a notice's audit", e);
        }
    }

    private List<Row> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            r.getObject(4, UUID.class), Audience.valueOf(r.getString(5)), r.getString(6),
                            r.getString(7), NoticeView.Status.valueOf(r.getString(8)), r.getInt(9),
                            instant(r.getTimestamp(10)), r.getString(11), r.getBoolean(12), r.getBoolean(13),
                            instant(r.getTimestamp(14)), instant(r.getTimestamp(15)), instant(r.getTimestamp(16))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read notices", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not write a notice", e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

package io.releaseradar.notices.delivery;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.notices.Translation;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The notice_delivery table, the notices' outbox: one row per (notice, customer), so a customer can get a notice at
 * most once whatever writes it twice. Writes at approval join the caller's transaction; the worker's statements run
 * on their own (autocommit), each one a step the next worker can see.
 */
@ApplicationScoped
public class DeliveryStore {

    /** Longest error text kept. */
    private static final int MAX_REASON = 1000;

    /** A row the plan writes: state PENDING (reason null) or SUPPRESSED with the reason. */
    public record Planned(String customerId, String group, String runningVersion, String suppression) {
    }

    /** A leased row the worker sends. */
    record Leased(UUID noticeId, String customerId, String group, String runningVersion, int attempts,
            NoticeMailer.Notice notice) {
    }

    private final AgroalDataSource dataSource;

    DeliveryStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the approved notice's deliveries, due at {@code now}; rows that exist already stay as they are. */
    public void insert(UUID noticeId, List<Planned> rows, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO notice_delivery (notice_id, customer_id, audience_group, running_version, state,
                                                     reason, next_attempt_at)
                        SELECT ?, u.customer, u.grp, u.version,
                               CASE WHEN u.reason IS NULL THEN 'PENDING' ELSE 'SUPPRESSED' END, u.reason, ?
                          FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(customer, grp, version, reason)
                        ON CONFLICT DO NOTHING""")) {
            s.setObject(1, noticeId);
            s.setTimestamp(2, Timestamp.from(now));
            s.setArray(3, SqlArrays.text(c, rows.stream().map(Planned::customerId).toList()));
            s.setArray(4, SqlArrays.text(c, rows.stream().map(Planned::group).toList()));
            s.setArray(5, SqlArrays.text(c, rows.stream().map(Planned::runningVersion).toList()));
            s.setArray(6, SqlArrays.text(c, rows.stream().map(Planned::suppression).toList()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not write notice deliveries", e);
        }
    }

    /** Deliveries by state: PENDING (SENDING counted in it), SENT, FAILED, SUPPRESSED, CANCELLED. */
    public Map<String, Integer> counts(UUID noticeId) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT CASE state WHEN 'SENDING' THEN 'PENDING' ELSE state END, count(*)
                          FROM notice_delivery WHERE notice_id = ? GROUP BY 1""")) {
            s.setObject(1, noticeId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.merge(r.getString(1), r.getInt(2), Integer::sum);
                }
            }
            return counts;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not count notice deliveries", e);
        }
    }

    /** Cancels the notice's deliveries not yet handed to SMTP. A mail being handed over at this moment still goes. */
    public void cancelPending(UUID noticeId) {
        update("UPDATE notice_delivery SET state = 'CANCELLED', lease_owner = NULL, lease_until = NULL "
                + "WHERE notice_id = ? AND state = 'PENDING'", noticeId);
    }

    /**
     * The customers among {@code customerIds} that another notice of {@code product} was sent to, or is being sent
     * to, since {@code since}: the frequency cap.
     */
    public Set<String> notifiedSince(String product, Collection<String> customerIds, Instant since,
            UUID exceptNotice) {
        Set<String> out = new HashSet<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT DISTINCT d.customer_id
                          FROM notice_delivery d JOIN notice n ON n.id = d.notice_id
                         WHERE d.customer_id = ANY (?) AND d.state IN ('PENDING', 'SENDING', 'SENT')
                           AND n.product = ? AND n.id <> ? AND coalesce(d.sent_at, n.approved_at) >= ?""")) {
            s.setArray(1, SqlArrays.text(c, List.copyOf(customerIds)));
            s.setString(2, product);
            s.setObject(3, exceptNotice);
            s.setTimestamp(4, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read recent notices", e);
        }
    }

    /** The customers the notice was sent to, with when. */
    public Map<String, Instant> sent(UUID noticeId) {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT customer_id, sent_at FROM notice_delivery WHERE notice_id = ? AND state = 'SENT'")) {
            s.setObject(1, noticeId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getTimestamp(2).toInstant());
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read sent notices", e);
        }
    }

    /** Rows by group and state, with the suppression reason: for an approved notice's breakdown. */
    public record GroupCount(String group, String state, String reason, int count) {
    }

    public List<GroupCount> groupCounts(UUID noticeId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT audience_group, state, CASE WHEN state = 'SUPPRESSED' THEN reason END, count(*)
                          FROM notice_delivery WHERE notice_id = ? GROUP BY 1, 2, 3""")) {
            s.setObject(1, noticeId);
            List<GroupCount> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new GroupCount(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not count notice deliveries", e);
        }
    }

    /** The customer's delivery of the notice; without a customer id, the first one that is mailed. */
    public java.util.Optional<Planned> one(UUID noticeId, String customerId) {
        String sql = customerId != null
                ? "SELECT customer_id, audience_group, running_version, CASE WHEN state = 'SUPPRESSED' THEN reason END"
                        + " FROM notice_delivery WHERE notice_id = ? AND customer_id = ?"
                : "SELECT customer_id, audience_group, running_version, NULL FROM notice_delivery"
                        + " WHERE notice_id = ? AND state <> 'SUPPRESSED' ORDER BY customer_id LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, noticeId);
            if (customerId != null) {
                s.setString(2, customerId);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? java.util.Optional.of(new Planned(r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4))) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read a notice delivery", e);
        }
    }

    // --- the worker's steps, each its own statement ---

    /**
     * Leases up to {@code limit} due pending rows to {@code owner} until {@code until}, skipping rows another worker
     * is leasing right now; a lease that ran out may be taken over.
     */
    List<Leased> lease(String owner, Instant now, Instant until, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        WITH due AS (
                            SELECT notice_id, customer_id FROM notice_delivery
                             WHERE state = 'PENDING' AND next_attempt_at <= ?
                               AND (lease_until IS NULL OR lease_until < ?)
                             ORDER BY next_attempt_at, notice_id, customer_id
                             LIMIT ? FOR UPDATE SKIP LOCKED)
                        UPDATE notice_delivery d SET lease_owner = ?, lease_until = ?
                          FROM due, notice n
                         WHERE d.notice_id = due.notice_id AND d.customer_id = due.customer_id AND n.id = d.notice_id
                        RETURNING d.notice_id, d.customer_id, d.audience_group, d.running_version, d.attempts,
                                  n.product, n.version, n.subject, n.body""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            s.setString(4, owner);
            s.setTimestamp(5, Timestamp.from(until));
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Object[] {r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4),
                            r.getInt(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9)});
                }
            }
            Map<UUID, Map<String, Translation>> translations = translations(c,
                    rows.stream().map(row -> (UUID) row[0]).collect(java.util.stream.Collectors.toSet()));
            List<Leased> out = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                UUID noticeId = (UUID) row[0];
                out.add(new Leased(noticeId, (String) row[1], (String) row[2], (String) row[3], (Integer) row[4],
                        new NoticeMailer.Notice(noticeId, (String) row[5], (String) row[6], (String) row[7],
                                (String) row[8], translations.getOrDefault(noticeId, Map.of()))));
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not lease notice deliveries", e);
        }
    }

    /**
     * The row is about to go to SMTP: committed before the send, so that no other worker sends it, and so that a
     * crash mid-send leaves a SENDING row, which is never sent again. False when the lease was lost or the delivery
     * cancelled meanwhile: then it must not be sent.
     */
    boolean markSending(Leased row, String owner, Instant until, String locale) {
        return update("""
                UPDATE notice_delivery SET state = 'SENDING', attempts = attempts + 1, lease_until = ?, locale = ?
                 WHERE notice_id = ? AND customer_id = ? AND state = 'PENDING' AND lease_owner = ?""",
                Timestamp.from(until), locale, row.noticeId(), row.customerId(), owner) == 1;
    }

    void markSent(Leased row, Instant at) {
        update("""
                UPDATE notice_delivery SET state = 'SENT', sent_at = ?, reason = NULL, lease_owner = NULL,
                                           lease_until = NULL
                 WHERE notice_id = ? AND customer_id = ? AND state = 'SENDING'""",
                Timestamp.from(at), row.noticeId(), row.customerId());
    }

    void markRetry(Leased row, Instant next, String error) {
        update("""
                UPDATE notice_delivery SET state = 'PENDING', next_attempt_at = ?, reason = ?, lease_owner = NULL,
                                           lease_until = NULL
                 WHERE notice_id = ? AND customer_id = ? AND state = 'SENDING'""",
                Timestamp.from(next), truncate(error), row.noticeId(), row.customerId());
    }

    void markFailed(Leased row, String error) {
        update("""
                UPDATE notice_delivery SET state = 'FAILED', reason = ?, lease_owner = NULL, lease_until = NULL
                 WHERE notice_id = ? AND customer_id = ? AND state IN ('PENDING', 'SENDING')""",
                truncate(error), row.noticeId(), row.customerId());
    }

    /** Left out at send time: the customer opted out or lost their address after approval. */
    void markSuppressed(Leased row, String reason) {
        update("""
                UPDATE notice_delivery SET state = 'SUPPRESSED', reason = ?, lease_owner = NULL, lease_until = NULL
                 WHERE notice_id = ? AND customer_id = ? AND state = 'PENDING' AND lease_owner IS NOT NULL""",
                reason, row.noticeId(), row.customerId());
    }

    /**
     * Fails SENDING rows whose lease ran out: their worker died between marking and recording the send, so the mail
     * may or may not have gone. Sending it again could mail the customer twice; a notice promises at most once.
     *
     * @return the notices these rows belong to
     */
    Set<UUID> failInterrupted(Instant now) {
        Set<UUID> notices = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE notice_delivery SET state = 'FAILED', lease_owner = NULL, lease_until = NULL,
                               reason = 'interrupted while being sent: not sent again, so as never to mail twice'
                         WHERE state = 'SENDING' AND lease_until < ?
                        RETURNING notice_id""")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    notices.add(r.getObject(1, UUID.class));
                }
            }
            return notices;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not fail interrupted deliveries", e);
        }
    }

    /**
     * Marks SENT (with an audit row by {@code system}) those of the notices that are SENDING and have nothing left to
     * send.
     *
     * @return the notices it marked
     */
    Set<UUID> finishNotices(Collection<UUID> noticeIds, Instant at) {
        Set<UUID> finished = new HashSet<>();
        if (noticeIds.isEmpty()) {
            return finished;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        WITH done AS (
                            UPDATE notice n SET status = 'SENT', finished_at = ?
                             WHERE n.id = ANY (?::uuid[]) AND n.status = 'SENDING'
                               AND NOT EXISTS (SELECT 1 FROM notice_delivery d WHERE d.notice_id = n.id
                                                  AND d.state IN ('PENDING', 'SENDING'))
                            RETURNING n.id)
                        INSERT INTO notice_audit (notice_id, action, actor, at)
                        SELECT id, 'SENT', 'system', ? FROM done
                        RETURNING notice_id""")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setArray(2, SqlArrays.text(c, noticeIds.stream().map(UUID::toString).toList()));
            s.setTimestamp(3, Timestamp.from(at));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    finished.add(r.getObject(1, UUID.class));
                }
            }
            return finished;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not finish notices", e);
        }
    }

    /** The notices' translations by notice and language tag. */
    private static Map<UUID, Map<String, Translation>> translations(Connection c, Set<UUID> noticeIds)
            throws SQLException {
        Map<UUID, Map<String, Translation>> out = new HashMap<>();
        if (noticeIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT notice_id, locale, subject, body FROM notice_translation WHERE notice_id = ANY (?::uuid[])")) {
            s.setArray(1, SqlArrays.text(c, noticeIds.stream().map(UUID::toString).toList()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getObject(1, UUID.class), k -> new java.util.TreeMap<>())
                            .put(r.getString(2), new Translation(r.getString(3), r.getString(4)));
                }
            }
        }
        return out;
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not update a notice delivery", e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON);
    }
}

package io.releaseradar.notices.delivery;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads of the outbox for people: who a notice went (or goes) to and in which language, and one line of counts when
 * it is done. Nothing here writes.
 */
@ApplicationScoped
public class DeliveryReports {

    /**
     * A delivery that is, or was, to be mailed (not left out).
     *
     * @param locale the translation it was sent in, once handed to SMTP (null: the default text, or not sent yet)
     */
    public record Recipient(String customerId, String group, String runningVersion, String state, String locale) {
    }

    /**
     * A notice's outcome in numbers.
     *
     * @param sentByLanguage mails sent by translation, {@code ""} for the default text
     */
    public record Outcome(UUID noticeId, String product, String version, Map<String, Integer> sentByLanguage,
            int failed, int suppressed, int cancelled) {

        public int sent() {
            return sentByLanguage.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final AgroalDataSource dataSource;

    DeliveryReports(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The notice's deliveries that are not left out ({@code sentOnly}: the sent ones), by customer id. */
    public List<Recipient> recipients(UUID noticeId, boolean sentOnly) {
        String sql = "SELECT customer_id, audience_group, running_version, state, locale FROM notice_delivery "
                + "WHERE notice_id = ? AND " + (sentOnly ? "state = 'SENT'" : "state <> 'SUPPRESSED'")
                + " ORDER BY customer_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, noticeId);
            s.setFetchSize(5000);
            List<Recipient> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Recipient(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read a notice's recipients", e);
        }
    }

    /** The notice's deliveries counted by state, the sent ones by language; empty when there is no such notice. */
    public Optional<Outcome> outcome(UUID noticeId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT n.product, n.version, d.state, coalesce(d.locale, ''), count(d.customer_id)
                          FROM notice n LEFT JOIN notice_delivery d ON d.notice_id = n.id
                         WHERE n.id = ? GROUP BY 1, 2, 3, 4""")) {
            s.setObject(1, noticeId);
            String product = null;
            String version = null;
            Map<String, Integer> sent = new TreeMap<>();
            int failed = 0;
            int suppressed = 0;
            int cancelled = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    product = r.getString(1);
                    version = r.getString(2);
                    String state = r.getString(3);
                    int n = r.getInt(5);
                    if ("SENT".equals(state)) {
                        sent.merge(r.getString(4), n, Integer::sum);
                    } else if ("FAILED".equals(state)) {
                        failed += n;
                    } else if ("SUPPRESSED".equals(state)) {
                        suppressed += n;
                    } else if ("CANCELLED".equals(state)) {
                        cancelled += n;
                    }
                }
            }
            return product == null ? Optional.empty()
                    : Optional.of(new Outcome(noticeId, product, version, sent, failed, suppressed, cancelled));
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not count a notice's deliveries", e);
        }
    }
}

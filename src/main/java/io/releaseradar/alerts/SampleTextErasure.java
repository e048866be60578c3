package io.releaseradar.alerts;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.ingest.ContactErasure.ContactKey;
import io.releaseradar.ingest.ContactTextsExpired;
import io.releaseradar.platform.SqlArrays;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Alerts quote sample contacts verbatim (their subject), in the alert and in every outbox message about it. When a
 * customer is erased, those quotes of their contacts lose the subject, and so do quotes of contacts older than the
 * contact text retention; the reference (source, externalId, receivedAt) stays, so the alert still says how many and
 * which contacts it quoted.
 */
@ApplicationScoped
public class SampleTextErasure {

    // A sampleContacts array (%1$s) rebuilt with subject null in the elements t.e that match %2$s.
    private static final String SCRUBBED = """
            (SELECT jsonb_agg(CASE WHEN %2$s THEN jsonb_set(t.e, '{subject}', 'null') ELSE t.e END ORDER BY t.i)
               FROM jsonb_array_elements(%1$s) WITH ORDINALITY AS t(e, i))""";
    // Whether the array (%1$s) still quotes the subject of an element t.e that matches %2$s.
    private static final String QUOTES = """
            EXISTS (SELECT 1 FROM jsonb_array_elements(%1$s) AS t(e)
                     WHERE t.e->>'subject' IS NOT NULL AND %2$s)""";
    // Elements of these contacts: parameters source[], externalId[].
    private static final String OF_CONTACTS =
            "(t.e->>'source', t.e->>'externalId') IN (SELECT * FROM unnest(?::text[], ?::text[]))";
    // Elements received before the cutoff: parameter cutoff.
    private static final String RECEIVED_BEFORE = "(t.e->>'receivedAt')::timestamptz < ?";
    private static final Logger LOG = Logger.getLogger(SampleTextErasure.class);

    /** Binds one statement's parameters: the element predicate's, once for SET and once for WHERE. */
    private interface Binder {
        void bind(Connection c, PreparedStatement s) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    SampleTextErasure(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Clears the quoted subject of these contacts in alerts and in alert outbox messages; joins the caller's
     * transaction.
     *
     * @return alerts and outbox messages changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int eraseQuotesOf(List<ContactKey> contacts) {
        if (contacts.isEmpty()) {
            return 0;
        }
        return update(OF_CONTACTS, false, (c, s) -> {
            for (int p = 1; p <= 4; p += 2) {
                s.setArray(p, SqlArrays.text(c, contacts.stream().map(ContactKey::source).toList()));
                s.setArray(p + 1, SqlArrays.text(c, contacts.stream().map(ContactKey::externalId).toList()));
            }
        });
    }

    /**
     * Clears the quoted subject of every sample received before the retention's cutoff, in alerts and alert outbox
     * messages, however long ago its contact was purged. Rows another replica is clearing are skipped, not waited
     * for; clearing twice changes nothing.
     */
    void onContactTextsExpired(@Observes ContactTextsExpired expired) {
        Timestamp cutoff = Timestamp.from(expired.cutoff());
        int changed = update(RECEIVED_BEFORE, true, (c, s) -> {
            s.setTimestamp(1, cutoff);
            s.setTimestamp(2, cutoff);
        });
        if (changed > 0) {
            LOG.infof("Contact text retention: cleared expired sample quotes in %d alert(s) and message(s)", changed);
        }
    }

    /**
     * Clears the quoted subjects of the elements matching {@code matching}, in alerts and alert outbox messages;
     * returns the rows changed. With {@code skipLocked}, rows another transaction holds are left for a later run.
     */
    private int update(String matching, boolean skipLocked, Binder binder) {
        String samples = "payload::jsonb->'sampleContacts'";
        List<String> statements = List.of(
                "UPDATE alert SET sample_contacts = " + SCRUBBED.formatted("sample_contacts", matching)
                        + " WHERE " + rows("alert", "jsonb_typeof(sample_contacts) = 'array' AND "
                                + QUOTES.formatted("sample_contacts", matching), skipLocked),
                "UPDATE alert_outbox SET payload = jsonb_set(payload::jsonb, '{sampleContacts}', "
                        + SCRUBBED.formatted(samples, matching) + ")::text WHERE " + rows("alert_outbox",
                                "channel <> 'ROLLOUT_HOLD' AND jsonb_typeof(" + samples + ") = 'array' AND "
                                        + QUOTES.formatted(samples, matching), skipLocked));
        int changed = 0;
        for (String sql : statements) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(c, s);
                changed += s.executeUpdate();
            } catch (SQLException e) {
                throw Transactions.unchecked("Could not clear quoted contacts", e);
            }
        }
        return changed;
    }

    private static String rows(String table, String condition, boolean skipLocked) {
        return skipLocked
                ? "id IN (SELECT id FROM " + table + " WHERE " + condition + " ORDER BY id FOR UPDATE SKIP LOCKED)"
                : condition;
    }
}

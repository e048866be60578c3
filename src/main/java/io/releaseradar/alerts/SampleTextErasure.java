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

    // Rebuilds a sampleContacts array with subject null in the elements whose (source, externalId) is one of k.
    private static final String SCRUBBED = """
            (SELECT jsonb_agg(CASE WHEN k.source IS NULL THEN e ELSE jsonb_set(e, '{subject}', 'null') END
                              ORDER BY t.i)
               FROM jsonb_array_elements(%1$s) WITH ORDINALITY AS t(e, i)
               LEFT JOIN unnest(?::text[], ?::text[]) AS k(source, external_id)
                 ON k.source = t.e->>'source' AND k.external_id = t.e->>'externalId')""";
    private static final String QUOTES = """
            EXISTS (SELECT 1 FROM jsonb_array_elements(%1$s) AS e
                      JOIN unnest(?::text[], ?::text[]) AS k(source, external_id)
                        ON k.source = e->>'source' AND k.external_id = e->>'externalId'
                     WHERE e->>'subject' IS NOT NULL)""";

    // Rebuilds a sampleContacts array with subject null in the elements received before the cutoff (parameter 1).
    private static final String EXPIRED = """
            (SELECT jsonb_agg(CASE WHEN (t.e->>'receivedAt')::timestamptz < ? THEN jsonb_set(t.e, '{subject}', 'null')
                                   ELSE t.e END ORDER BY t.i)
               FROM jsonb_array_elements(%1$s) WITH ORDINALITY AS t(e, i))""";
    private static final String QUOTES_EXPIRED = """
            EXISTS (SELECT 1 FROM jsonb_array_elements(%1$s) AS e
                     WHERE e->>'subject' IS NOT NULL AND (e->>'receivedAt')::timestamptz < ?)""";
    private static final Logger LOG = Logger.getLogger(SampleTextErasure.class);

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
        String alerts = "UPDATE alert SET sample_contacts = " + SCRUBBED.formatted("sample_contacts")
                + " WHERE " + QUOTES.formatted("sample_contacts");
        String samples = "payload::jsonb->'sampleContacts'";
        String outbox = "UPDATE alert_outbox SET payload = jsonb_set(payload::jsonb, '{sampleContacts}', "
                + SCRUBBED.formatted(samples) + ")::text WHERE channel <> 'ROLLOUT_HOLD' AND jsonb_typeof("
                + samples + ") = 'array' AND " + QUOTES.formatted(samples);
        return update(alerts, contacts) + update(outbox, contacts);
    }

    /**
     * Clears the quoted subject of every sample received before the retention's cutoff, in alerts and alert outbox
     * messages, however long ago its contact was purged. Rows another replica is clearing are skipped, not waited
     * for; clearing twice changes nothing.
     */
    void onContactTextsExpired(@Observes ContactTextsExpired expired) {
        String alerts = "UPDATE alert SET sample_contacts = " + EXPIRED.formatted("sample_contacts")
                + " WHERE id IN (SELECT id FROM alert WHERE jsonb_typeof(sample_contacts) = 'array' AND "
                + QUOTES_EXPIRED.formatted("sample_contacts")
                + " ORDER BY id FOR UPDATE SKIP LOCKED)";
        String samples = "payload::jsonb->'sampleContacts'";
        String outbox = "UPDATE alert_outbox SET payload = jsonb_set(payload::jsonb, '{sampleContacts}', "
                + EXPIRED.formatted(samples) + ")::text WHERE id IN (SELECT id FROM alert_outbox"
                + " WHERE channel <> 'ROLLOUT_HOLD' AND jsonb_typeof(" + samples + ") = 'array' AND "
                + QUOTES_EXPIRED.formatted(samples) + " ORDER BY id FOR UPDATE SKIP LOCKED)";
        Timestamp cutoff = Timestamp.from(expired.cutoff());
        int changed = 0;
        for (String sql : List.of(alerts, outbox)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setTimestamp(1, cutoff);
                s.setTimestamp(2, cutoff);
                changed += s.executeUpdate();
            } catch (SQLException e) {
                throw Transactions.unchecked("Could not clear expired quotes", e);
            }
        }
        if (changed > 0) {
            LOG.infof("Contact text retention: cleared expired sample quotes in %d alert(s) and message(s)", changed);
        }
    }

    private int update(String sql, List<ContactKey> contacts) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int p = 1; p <= 4; p += 2) {
                s.setArray(p, SqlArrays.text(c, contacts.stream().map(ContactKey::source).toList()));
                s.setArray(p + 1, SqlArrays.text(c, contacts.stream().map(ContactKey::externalId).toList()));
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not erase quoted contacts", e);
        }
    }
}

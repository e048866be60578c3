package io.releaseradar.alerts;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.ingest.ContactErasure.ContactKey;
import io.releaseradar.platform.SqlArrays;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Alerts quote sample contacts verbatim (their subject), in the alert and in every outbox message about it. When a
 * customer is erased, those quotes of their contacts lose the subject; the reference (source, externalId, receivedAt)
 * stays, so the alert still says how many and which contacts it quoted.
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

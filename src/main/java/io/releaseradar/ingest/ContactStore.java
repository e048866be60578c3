package io.releaseradar.ingest;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Writes and reads the contact table. */
@ApplicationScoped
class ContactStore {

    /** The idempotency key of a contact. */
    record Key(String source, String externalId) {
    }

    /**
     * A contact to insert, with where its version came from (GIVEN, INSTALLATION or UNRESOLVED) and the symptom keys
     * it is counted under.
     */
    record Row(StoredContact contact, String versionOrigin, ContactSymptoms.Keys symptoms) {
        Key key() {
            return new Key(contact.source(), contact.externalId());
        }
    }

    private final AgroalDataSource dataSource;

    ContactStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the contacts whose key is not stored yet, in one statement; returns the keys inserted. Rows must have
     * distinct keys and come sorted by key, so that concurrent batches wait for each other instead of deadlocking.
     */
    Set<Key> insertNew(List<Row> rows) throws SQLException {
        Set<Key> inserted = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO contact (source, external_id, received_at, channel, customer_id, product, version,
                                             version_origin, category, subject, body, symptom_hashes)
                        SELECT u.source, u.external_id, u.received_at, u.channel, u.customer_id, u.product,
                               u.version, u.version_origin, u.category, u.subject, u.body, u.hashes::int8[]
                          FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
                                      ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                               AS u(source, external_id, received_at, channel, customer_id, product, version,
                                    version_origin, category, subject, body, hashes)
                        ON CONFLICT (source, external_id) DO NOTHING
                        RETURNING source, external_id""")) {
            s.setArray(1, SqlArrays.text(c, rows.stream().map(r -> r.contact().source()).toList()));
            s.setArray(2, SqlArrays.text(c, rows.stream().map(r -> r.contact().externalId()).toList()));
            s.setArray(3, SqlArrays.text(c, rows.stream().map(r -> r.contact().receivedAt()).toList()));
            s.setArray(4, SqlArrays.text(c, rows.stream().map(r -> r.contact().channel()).toList()));
            s.setArray(5, SqlArrays.text(c, rows.stream().map(r -> r.contact().customerId()).toList()));
            s.setArray(6, SqlArrays.text(c, rows.stream().map(r -> r.contact().product()).toList()));
            s.setArray(7, SqlArrays.text(c, rows.stream().map(r -> r.contact().version()).toList()));
            s.setArray(8, SqlArrays.text(c, rows.stream().map(Row::versionOrigin).toList()));
            s.setArray(9, SqlArrays.text(c, rows.stream().map(r -> r.contact().category()).toList()));
            s.setArray(10, SqlArrays.text(c, rows.stream().map(r -> r.contact().subject()).toList()));
            s.setArray(11, SqlArrays.text(c, rows.stream().map(r -> r.contact().body()).toList()));
            s.setArray(12, SqlArrays.text(c, rows.stream().map(r -> literal(r.symptoms().hashes())).toList()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    inserted.add(new Key(r.getString(1), r.getString(2)));
                }
            }
        }
        return inserted;
    }

    /** Hashes as a PostgreSQL array literal, {@code {-5,3}}. */
    private static String literal(long[] hashes) {
        StringBuilder b = new StringBuilder(hashes.length * 20 + 2).append('{');
        for (int i = 0; i < hashes.length; i++) {
            b.append(i == 0 ? "" : ",").append(hashes[i]);
        }
        return b.append('}').toString();
    }

    /**
     * Clears the texts (subject, body) of every contact of the customer, and the symptom hashes derived from them;
     * the rows, with the rest of their counts' inputs, stay. An index range of {@code contact_by_customer}.
     *
     * @return the keys of the customer's contacts
     */
    List<Key> eraseTextsOf(String customerId) throws SQLException {
        List<Key> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE contact SET subject = NULL, body = NULL, symptom_hashes = NULL WHERE customer_id = ?
                        RETURNING source, external_id""")) {
            s.setString(1, customerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(new Key(r.getString(1), r.getString(2)));
                }
            }
        }
        return keys;
    }

    /** The version stored for a contact, if the contact is stored (the Optional holds null for unresolved). */
    Optional<Optional<String>> storedVersion(String source, String externalId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT version FROM contact WHERE source = ? AND external_id = ?")) {
            s.setString(1, source);
            s.setString(2, externalId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Optional.ofNullable(r.getString(1))) : Optional.empty();
            }
        }
    }
}

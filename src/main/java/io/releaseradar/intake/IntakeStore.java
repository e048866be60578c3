package io.releaseradar.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** Reads and writes the intake_source table; callers bring the transaction. */
@ApplicationScoped
class IntakeStore {

    private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    IntakeStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Creates or replaces the intake; true when it was created. */
    boolean upsert(IntakeSource s) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("""
                        INSERT INTO intake_source (source, format, secret, product, mapping, channels)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)
                        ON CONFLICT (source) DO UPDATE
                           SET format = excluded.format, secret = excluded.secret, product = excluded.product,
                               mapping = excluded.mapping, channels = excluded.channels, updated_at = now()
                        RETURNING (xmax = 0) AS created""")) {
            st.setString(1, s.source());
            st.setString(2, s.format().json());
            st.setString(3, s.secret());
            st.setString(4, s.product());
            st.setString(5, write(s.mapping()));
            st.setString(6, write(s.channels()));
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    Optional<IntakeSource> find(String source) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT source, format, secret, product, mapping::text, "
                        + "channels::text FROM intake_source WHERE source = ?")) {
            st.setString(1, source);
            try (ResultSet r = st.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IntakeSource(r.getString(1), IntakeFormat.of(r.getString(2)).orElseThrow(),
                        r.getString(3), r.getString(4), read(r.getString(5)), read(r.getString(6))));
            }
        }
    }

    /** True when it existed. */
    boolean delete(String source) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM intake_source WHERE source = ?")) {
            st.setString(1, source);
            return st.executeUpdate() == 1;
        }
    }

    private String write(Map<String, String> map) {
        try {
            return map.isEmpty() ? null : json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of texts is always JSON", e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, TEXT_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("intake_source holds JSON it did not write", e);
        }
    }
}

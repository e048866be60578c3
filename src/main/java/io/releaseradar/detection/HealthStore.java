package io.releaseradar.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.VersionHealth;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The latest health per version (table release_health), written by evaluations, read by the health view. */
@ApplicationScoped
class HealthStore {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    HealthStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Keeps each version's health from the evaluation with the latest asOf; a replay of the past never wins. */
    void save(List<VersionHealth> health) {
        if (health.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO release_health (product, version, as_of, health) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (product, version) DO UPDATE SET as_of = excluded.as_of, health = excluded.health
                 WHERE release_health.as_of <= excluded.as_of""")) {
            for (VersionHealth h : health) {
                s.setString(1, h.product());
                s.setString(2, h.version());
                s.setTimestamp(3, Timestamp.from(h.asOf()));
                s.setString(4, json.writeValueAsString(h));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not store release health", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored health of every version of the product, by version. */
    Map<String, VersionHealth> latest(String product) {
        Map<String, VersionHealth> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version, health FROM release_health WHERE product = ?")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), json.readValue(r.getString(2), VersionHealth.class));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read release health", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

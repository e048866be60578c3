package io.releaseradar.releases;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Idempotent writes of products and releases with {@code INSERT ... ON CONFLICT}, safe under concurrent calls. */
@ApplicationScoped
class ReleaseStore {

    private final AgroalDataSource dataSource;

    ReleaseStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void ensureProducts(Collection<String> products) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO product (key) SELECT DISTINCT k FROM unnest(?::text[]) AS t(k) ORDER BY k
                        ON CONFLICT (key) DO NOTHING""")) {
            s.setArray(1, SqlArrays.text(c, List.copyOf(products)));
            s.executeUpdate();
        }
    }

    /** Releases of the product with releasedAt at or before {@code asOf}, oldest first (then by version). */
    List<ReleaseView> releasedBy(String product, Instant asOf) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT version, released_at, previous_version FROM release
                         WHERE product = ? AND released_at <= ? ORDER BY released_at, version""")) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(asOf));
            List<ReleaseView> out = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new ReleaseView(product, r.getString(1), r.getTimestamp(2).toInstant(), r.getString(3),
                            null));
                }
            }
            return out;
        }
    }

    boolean productExists(String product) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM product WHERE key = ?")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    List<String> products() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT key FROM product ORDER BY key");
                ResultSet r = s.executeQuery()) {
            List<String> out = new java.util.ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        }
    }

    /** Creates or updates the release; true when it was created. */
    boolean upsert(String product, String version, Instant releasedAt, String previousVersion) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO release (product, version, released_at, previous_version)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (product, version) DO UPDATE
                           SET released_at = excluded.released_at, previous_version = excluded.previous_version,
                               updated_at = now()
                        RETURNING (xmax = 0) AS created""")) {
            s.setString(1, product);
            s.setString(2, version);
            s.setTimestamp(3, Timestamp.from(releasedAt));
            s.setString(4, previousVersion);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }
}

package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-product evaluation bookkeeping: the product's advisory lock and the {@code detection_run} rows. Every method
 * runs on the caller's transaction's connection, so the lock lasts until that transaction ends.
 */
@ApplicationScoped
class EvaluationRuns {

    /** A run prunes the product's runs older than this before its own asOf. */
    static final Duration KEPT = Duration.ofHours(1);

    private final AgroalDataSource dataSource;

    EvaluationRuns(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The advisory lock key of a product's evaluation: 64 bits of SHA-256, the same on every replica. */
    static long lockKey(String product) {
        return Hashes.of("detection-evaluation", product);
    }

    /**
     * Takes the product's lock for the current transaction, waiting for it or not; returns the database's clock when
     * it got it (the run's start), empty when {@code wait} is false and another transaction holds it.
     */
    Optional<Instant> lock(String product, boolean wait) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(wait
                // the lock in a subquery, so that the clock is read after it was granted
                ? "SELECT true, clock_timestamp() FROM (SELECT pg_advisory_xact_lock(?)) l"
                : "SELECT l.ok, clock_timestamp() FROM (SELECT pg_try_advisory_xact_lock(?) AS ok) l")) {
            s.setLong(1, lockKey(product));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1) ? Optional.of(r.getTimestamp(2).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not take the evaluation lock of " + product, e);
        }
    }

    /** Whether some replica has evaluated the product as of an instant in [from, to). */
    boolean evaluatedBetween(String product, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM detection_run WHERE product = ? AND as_of >= ? AND as_of < ?)")) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read the evaluation runs of " + product, e);
        }
    }

    /** Records a finished run (finished now, by the database's clock) and prunes the product's old runs. */
    void record(String product, Instant asOf, String instance, Instant startedAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO detection_run (product, as_of, instance, started_at, finished_at)
                        VALUES (?, ?, ?, ?, clock_timestamp())""");
                PreparedStatement prune = c.prepareStatement("""
                        DELETE FROM detection_run WHERE product = ? AND as_of < ?""")) {
            insert.setString(1, product);
            insert.setTimestamp(2, Timestamp.from(asOf));
            insert.setString(3, instance);
            insert.setTimestamp(4, Timestamp.from(startedAt));
            insert.executeUpdate();
            prune.setString(1, product);
            prune.setTimestamp(2, Timestamp.from(asOf.minus(KEPT)));
            prune.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not record the evaluation of " + product, e);
        }
    }
}

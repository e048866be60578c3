package io.releaseradar.installbase;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exposure: how many installs of each version were active when, in event time. Detection divides contacts by it.
 */
@ApplicationScoped
public class Exposure {

    /**
     * At the whole hour {@code hour}, {@code delta} more (or fewer) installs of {@code version} were active than an
     * hour before: installations that began in (hour - 1 h, hour] count from {@code hour} on, and installations that
     * ended in that span stop counting.
     */
    public record Change(String version, Instant hour, long delta) {
    }

    private static final Comparator<Change> BY_VERSION_THEN_HOUR = Comparator.comparing(Change::version)
            .thenComparing(Change::hour);

    private final AgroalDataSource dataSource;

    Exposure(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every change of the product's active installs known at {@code asOf}: installations with installedAt &lt;=
     * asOf, and their ends when the next installation began by asOf. Ordered by version, then hour.
     */
    public List<Change> changes(String product, Instant asOf) {
        // Hours are ceilings (an installation at 10:30 is active from 11:00 on), so that "active at hour H" only
        // depends on events at or before H; installation_hourly is kept in step by a trigger (V6). A bucket at
        // or before asOf's hour may hold events up to that whole hour, which readers of hours <= asOf never use.
        String sql = """
                SELECT version, extract(epoch FROM hour)::bigint, starts - ends FROM installation_hourly
                 WHERE product = ? AND hour <= ? AND starts <> ends""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(asOf.truncatedTo(ChronoUnit.HOURS)));
            List<Change> out = new ArrayList<>();
            // hours as epoch seconds: parsing thousands of timestamps was most of this read's time in the JVM
            Map<String, String> versions = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Change(versions.computeIfAbsent(r.getString(1), v -> v),
                            Instant.ofEpochSecond(r.getLong(2)), r.getLong(3)));
                }
            }
            // sorted here: PostgreSQL sorts text by the database's collation, several times slower for these rows
            out.sort(BY_VERSION_THEN_HOUR);
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read exposure", e);
        }
    }
}

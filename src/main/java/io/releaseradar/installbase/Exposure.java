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
import java.util.ArrayList;
import java.util.List;

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

    private final AgroalDataSource dataSource;

    Exposure(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every change of the product's active installs known at {@code asOf}: installations with installedAt &lt;=
     * asOf, and their ends when the next installation began by asOf. Ordered by version, then hour.
     */
    public List<Change> changes(String product, Instant asOf) {
        // Hours are ceilings: an installation at 10:30 is active from 11:00 on, so that "active at hour H" only
        // depends on events at or before H.
        String sql = """
                SELECT version, h, sum(n)::bigint FROM (
                  SELECT version, date_trunc('hour', installed_at - interval '1 microsecond') + interval '1 hour' AS h,
                         count(*) AS n
                    FROM installation WHERE product = ? AND installed_at <= ? GROUP BY 1, 2
                  UNION ALL
                  SELECT version, date_trunc('hour', ended_at - interval '1 microsecond') + interval '1 hour',
                         -count(*)
                    FROM installation WHERE product = ? AND ended_at <= ? GROUP BY 1, 2
                ) x GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2""";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Timestamp t = Timestamp.from(asOf);
            s.setString(1, product);
            s.setTimestamp(2, t);
            s.setString(3, product);
            s.setTimestamp(4, t);
            List<Change> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Change(r.getString(1), r.getTimestamp(2).toInstant(), r.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read exposure", e);
        }
    }
}

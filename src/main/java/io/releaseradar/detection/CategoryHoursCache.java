package io.releaseradar.detection;

import io.releaseradar.detection.core.DetectionSource.CategoryHours;
import io.releaseradar.detection.core.VersionSymptom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each product's category keys' first and last hour per version ({@link CategoryHours}), kept up to the latest hour
 * asked for, so that the next evaluation reads only the hours that closed since: the product's whole history is
 * read once. First hours never change as time passes and last hours only grow, so the hours read since merge into
 * what is kept. An evaluation as of an earlier hour than the one kept (a replay) reads the history up to its own
 * hour, and keeps nothing. A contact received late for an hour already read is not seen here until the service
 * restarts (rollup hours are receive hours, so only a contact loaded with an old receive time is late).
 */
final class CategoryHoursCache {

    private record Known(Instant to, Map<VersionSymptom, Instant[]> hours) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /**
     * The category hours of {@code product} before {@code to}, read on {@code c}; {@code keep}: whether what was
     * read may be kept (false in a transaction that wrote rollups of its own: it may roll back).
     */
    List<CategoryHours> of(Connection c, String product, Instant to, boolean keep) throws SQLException {
        Known k = keep ? known.get(product) : null;
        Map<VersionSymptom, Instant[]> hours;
        if (k != null && !k.to().isAfter(to)) {
            hours = k.to().equals(to) ? k.hours() : merged(k.hours(), read(c, product, k.to(), to));
        } else {
            hours = read(c, product, null, to);
        }
        if (keep && (k == null || k.to().isBefore(to))) {
            Known mine = new Known(to, hours);
            known.merge(product, mine, (a, b) -> a.to().isAfter(b.to()) ? a : b);
        }
        List<CategoryHours> out = new ArrayList<>(hours.size());
        hours.forEach((cell, span) -> out.add(new CategoryHours(cell.symptom(), cell.version(), span[0], span[1])));
        return out;
    }

    private static Map<VersionSymptom, Instant[]> merged(Map<VersionSymptom, Instant[]> kept,
            Map<VersionSymptom, Instant[]> later) {
        if (later.isEmpty()) {
            return kept;
        }
        Map<VersionSymptom, Instant[]> out = new HashMap<>(kept);
        later.forEach((cell, span) -> out.merge(cell, span, (a, b) -> new Instant[] {a[0], b[1]}));
        return out;
    }

    /** The category cells' first and last hour in [from, to) ({@code from} null: from the beginning). */
    private static Map<VersionSymptom, Instant[]> read(Connection c, String product, Instant from, Instant to)
            throws SQLException {
        String sql = "SELECT symptom, version, min(hour), max(hour) FROM hourly_rollup WHERE product = ? AND hour < ?"
                + (from == null ? "" : " AND hour >= ?") + " AND symptom LIKE 'category:%' GROUP BY 1, 2";
        Map<VersionSymptom, Instant[]> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(to));
            if (from != null) {
                s.setTimestamp(3, Timestamp.from(from));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(new VersionSymptom(r.getString(2), r.getString(1)),
                            new Instant[] {r.getTimestamp(3).toInstant(), r.getTimestamp(4).toInstant()});
                }
            }
        }
        return out;
    }
}

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each product's category cells (a category key on a version) with the hours they had customers in, up to the latest
 * hour asked for, so that {@link CategoryHours} as of any hour come from memory and the next evaluation reads only
 * the hours that closed since: the product's whole history is read once. An evaluation as of an earlier hour (a
 * replay, a backtest's step, health as of an instant) is answered from the hours kept before it. Only category
 * cells are kept (categories × versions × hours, a few hundred thousand hours at most). A contact received late for
 * an hour already read is not seen here until the service restarts (rollup hours are receive hours, so only a
 * contact loaded with an old receive time is late). Safe for concurrent use.
 */
final class CategoryHoursCache {

    private static final long HOUR = 3600;

    /** The cells' hours (epoch hours, ascending) before {@code to}. Never changed once made. */
    private record Known(Instant to, Map<VersionSymptom, int[]> hours) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** Where the hours memory does not cover are read from. */
    interface Connections {
        Connection get() throws SQLException;
    }

    /**
     * The category hours of {@code product} before {@code to}, read on a connection from {@code connections} when
     * memory does not cover them; {@code keep}: whether what was read may be kept and what is kept used (false in a
     * transaction that wrote rollups of its own: it may roll back).
     */
    List<CategoryHours> of(Connections connections, String product, Instant to, boolean keep) throws SQLException {
        Known k = keep ? known.get(product) : null;
        Known now;
        if (k != null && !to.isAfter(k.to())) {
            now = k;
        } else {
            try (Connection c = connections.get()) {
                now = k == null ? new Known(to, appended(Map.of(), read(c, product, null, to)))
                        : new Known(to, appended(k.hours(), read(c, product, k.to(), to)));
            }
        }
        if (keep && now != k) {
            known.merge(product, now, (a, b) -> a.to().isAfter(b.to()) ? a : b);
        }
        return hoursBefore(now, to);
    }

    private static List<CategoryHours> hoursBefore(Known k, Instant to) {
        long end = Math.floorDiv(to.getEpochSecond(), HOUR);
        List<CategoryHours> out = new ArrayList<>();
        k.hours().forEach((cell, hours) -> {
            int n = lowerBound(hours, end);
            if (n > 0) {
                out.add(new CategoryHours(cell.symptom(), cell.version(), Instant.ofEpochSecond(hours[0] * HOUR),
                        Instant.ofEpochSecond(hours[n - 1] * HOUR)));
            }
        });
        return out;
    }

    /** {@code kept} with the {@code later} hours of each cell after its own (a new map; the arrays kept unchanged). */
    private static Map<VersionSymptom, int[]> appended(Map<VersionSymptom, int[]> kept,
            Map<VersionSymptom, List<Integer>> later) {
        if (later.isEmpty()) {
            return kept;
        }
        Map<VersionSymptom, int[]> out = new HashMap<>(kept);
        later.forEach((cell, hours) -> {
            int[] before = out.getOrDefault(cell, new int[0]);
            int[] all = Arrays.copyOf(before, before.length + hours.size());
            for (int i = 0; i < hours.size(); i++) {
                all[before.length + i] = hours.get(i);
            }
            out.put(cell, all);
        });
        return out;
    }

    /** The category cells' hours in [from, to) ({@code from} null: from the beginning), ascending per cell. */
    private static Map<VersionSymptom, List<Integer>> read(Connection c, String product, Instant from, Instant to)
            throws SQLException {
        String sql = "SELECT symptom, version, (extract(epoch FROM hour)::bigint / 3600)::int FROM hourly_rollup"
                + " WHERE product = ? AND hour < ?" + (from == null ? "" : " AND hour >= ?")
                + " AND symptom LIKE 'category:%' ORDER BY 3";
        Map<VersionSymptom, List<Integer>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(to));
            if (from != null) {
                s.setTimestamp(3, Timestamp.from(from));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(new VersionSymptom(r.getString(2), r.getString(1)), k -> new ArrayList<>())
                            .add(r.getInt(3));
                }
            }
        }
        return out;
    }

    private static int lowerBound(int[] hours, long hour) {
        int lo = 0;
        int hi = hours.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hours[mid] < hour) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

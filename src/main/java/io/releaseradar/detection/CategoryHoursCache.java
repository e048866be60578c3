package io.releaseradar.detection;

import io.releaseradar.detection.core.DetectionSource.CategoryHours;
import io.releaseradar.detection.core.VersionSymptom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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
 * the hours that changed since: the product's whole history is read once. An evaluation as of an earlier hour (a
 * replay, a backtest's step, health as of an instant) is answered from the hours kept before it. Only category
 * cells are kept (categories × versions × hours, a few hundred thousand hours at most). Contacts carry the time the
 * helpdesk received them, so they may be stored for an hour already read (Kafka lag, a helpdesk's batches): each read
 * past the kept hours reads again the last {@link #REREAD} before them. A contact later than that for an hour is not
 * seen here until the service restarts, so two replicas may then disagree on a category's first or last hour, and a
 * replay may differ from what live found. Safe for concurrent use.
 */
final class CategoryHoursCache {

    private static final long HOUR = 3600;
    /**
     * How far before the kept hours each read goes again, for contacts stored late: a few hours of lag (Kafka, a
     * helpdesk's batches) for about 1.5 ms a read at 1 M contacts (six hours of the product's rollups, by hour).
     */
    static final Duration REREAD = Duration.ofHours(6);

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
                if (k == null) {
                    now = new Known(to, appended(Map.of(), Long.MAX_VALUE, read(c, product, null, to)));
                } else {
                    Instant from = k.to().minus(REREAD);
                    now = new Known(to, appended(k.hours(), Math.floorDiv(from.getEpochSecond(), HOUR),
                            read(c, product, from, to)));
                }
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

    /**
     * {@code kept}'s hours before {@code from} (epoch hours) with the {@code later} hours (read from {@code from} on)
     * after them: a new map; the kept arrays are not changed.
     */
    private static Map<VersionSymptom, int[]> appended(Map<VersionSymptom, int[]> kept, long from,
            Map<VersionSymptom, List<Integer>> later) {
        Map<VersionSymptom, int[]> out = new HashMap<>();
        kept.forEach((cell, hours) -> {
            int n = lowerBound(hours, from);
            if (n > 0) {
                out.put(cell, n == hours.length ? hours : Arrays.copyOf(hours, n));
            }
        });
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
                // hours with customers counted, as DetectionSource#categoryHours says (a follow-up within the week
                // writes a row of 0). LIKE, not a range of symptoms: under an ICU collation "category:x" sorts after
                // "category;"
                + " AND symptom LIKE 'category:%' AND customers > 0 ORDER BY 3";
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

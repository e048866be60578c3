package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.Map;

/**
 * Per-version hourly values over [start, start + length hours), with sums over sub-ranges. Ranges outside the
 * series count as zero, so callers need not clip.
 */
record HourlySeries(Instant start, Map<String, long[]> values) {

    /** Sum of one version's values over [from, to). */
    long sum(String version, Instant from, Instant to) {
        long[] v = values.get(version);
        if (v == null) {
            return 0;
        }
        int a = Math.max(0, index(from));
        int b = Math.min(v.length, index(to));
        long s = 0;
        for (int i = a; i < b; i++) {
            s += v[i];
        }
        return s;
    }

    /** The value at the last hour before {@code to}. */
    long lastBefore(String version, Instant to) {
        long[] v = values.get(version);
        int i = index(to) - 1;
        return v == null || i < 0 || i >= v.length ? 0 : v[i];
    }

    /** One value of a version's series ({@code values().get(version)}, may be null); 0 outside it. */
    static long at(long[] series, int i) {
        return series == null || i < 0 || i >= series.length ? 0 : series[i];
    }

    /** Whole hours from start to t (both whole hours): seconds, since the evaluator asks millions of times. */
    int index(Instant t) {
        return (int) ((t.getEpochSecond() - start.getEpochSecond()) / 3600);
    }
}

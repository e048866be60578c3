package io.releaseradar.detection.core;

import java.time.Instant;
import java.util.Map;

/**
 * Per-version hourly values over [start, start + length hours), with sums over sub-ranges. Ranges outside the
 * series count as zero, so callers need not clip.
 *
 * @param lastShare the share of its last hour that has passed (1 but for the installs of an evaluation whose last
 *     hour is the current one): {@link #hours} weighs that hour by it
 */
record HourlySeries(Instant start, Map<String, long[]> values, double lastShare) {

    HourlySeries(Instant start, Map<String, long[]> values) {
        this(start, values, 1.0);
    }

    /**
     * Install-hours of one version over [from, to): {@link #sum} with the series' last hour weighed by
     * {@link #lastShare}, so that rates over an unfinished hour stay per active install.
     */
    double hours(String version, Instant from, Instant to) {
        long s = sum(version, from, to);
        long[] v = values.get(version);
        if (lastShare == 1.0 || v == null || v.length == 0) {
            return s;
        }
        int last = v.length - 1;
        return index(from) <= last && index(to) > last ? s - v[last] * (1 - lastShare) : s;
    }

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

    /**
     * Install-hours of one hour of a version's series ({@code values().get(version)}, may be null): {@link #at}, the
     * series' last hour weighed by {@link #lastShare} as {@link #hours} weighs it; 0 outside the series.
     */
    double hourAt(long[] series, int i) {
        long x = at(series, i);
        return lastShare != 1.0 && series != null && i == series.length - 1 ? x * lastShare : x;
    }

    /** Whole hours from start to t (both whole hours): seconds, since the evaluator asks millions of times. */
    int index(Instant t) {
        return (int) ((t.getEpochSecond() - start.getEpochSecond()) / 3600);
    }
}

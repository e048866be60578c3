package io.releaseradar.detection.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A version's contact rate over time against its baseline, bucket by bucket: distinct customers (summed over the
 * hourly rollups, as the evaluator counts them) per 1,000 active installs per day, for the version and for the
 * product's other versions together. A bucket without install-hours has no rate ({@code NaN}).
 *
 * @param starts each bucket's first hour
 * @param rate the version's rate per bucket
 * @param baseline the other versions' rate per bucket
 * @param installs the version's active installs at the end of each bucket
 */
public record RateSeries(List<Instant> starts, Duration bucket, double[] rate, double[] baseline, long[] installs) {

    private static final double PER_THOUSAND_PER_DAY = 24 * 1000.0;

    /**
     * Buckets {@code [from + i * bucket, from + (i + 1) * bucket)} over {@code hours} hours of hourly series.
     *
     * @param installs active installs per version per hour (as {@link DetectionSource#hourlyActiveInstalls})
     * @param customers distinct customers per version per hour (as {@link DetectionSource#hourlyCustomers});
     *        version {@code ""} (contacts without a known version) belongs to neither side
     */
    public static RateSeries of(String version, Instant from, int hours, Duration bucket,
            Map<String, long[]> installs, Map<String, long[]> customers) {
        int size = (int) bucket.toHours();
        if (size < 1) {
            throw new IllegalArgumentException("bucket must be at least one hour");
        }
        int buckets = (hours + size - 1) / size;
        double[] rate = new double[buckets];
        double[] baseline = new double[buckets];
        long[] active = new long[buckets];
        List<Instant> starts = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            starts.add(from.plus(bucket.multipliedBy(b)));
            int lo = b * size;
            int hi = Math.min(hours, lo + size);
            long mineCustomers = 0;
            long mineHours = 0;
            long otherCustomers = 0;
            long otherHours = 0;
            for (Map.Entry<String, long[]> e : installs.entrySet()) {
                if (e.getKey().isEmpty()) {
                    continue;
                }
                long h = sum(e.getValue(), lo, hi);
                long c = sum(customers.get(e.getKey()), lo, hi);
                if (e.getKey().equals(version)) {
                    mineHours += h;
                    mineCustomers += c;
                    active[b] = e.getValue()[hi - 1];
                } else {
                    otherHours += h;
                    otherCustomers += c;
                }
            }
            rate[b] = mineHours == 0 ? Double.NaN : mineCustomers * PER_THOUSAND_PER_DAY / mineHours;
            baseline[b] = otherHours == 0 ? Double.NaN : otherCustomers * PER_THOUSAND_PER_DAY / otherHours;
        }
        return new RateSeries(List.copyOf(starts), bucket, rate, baseline, active);
    }

    private static long sum(long[] values, int lo, int hi) {
        if (values == null) {
            return 0;
        }
        long total = 0;
        for (int i = lo; i < hi; i++) {
            total += values[i];
        }
        return total;
    }
}

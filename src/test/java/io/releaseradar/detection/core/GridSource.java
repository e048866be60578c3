package io.releaseradar.detection.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-filled hourly grid for evaluator unit tests; records the latest hour any call asked for, and the ranges
 * announced and asked for together.
 */
final class GridSource implements DetectionSource {

    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final int hours;
    private final List<ReleaseInfo> releases = new ArrayList<>();
    private final Map<String, long[]> installs = new HashMap<>();
    private final Map<VersionSymptom, long[]> customers = new HashMap<>();
    Instant latestRead = Instant.MIN;
    /** Ranges announced by {@link #willRead}, and those then asked for together. */
    final List<VersionRange> announced = new ArrayList<>();
    final List<VersionRange> askedTogether = new ArrayList<>();

    GridSource(int hours) {
        this.hours = hours;
    }

    static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    GridSource release(String version, int hour, String previous) {
        releases.add(new ReleaseInfo(version, hour(hour), previous));
        return this;
    }

    /** {@code n} active installs of the version from hour {@code from} to {@code to} (exclusive). */
    GridSource installs(String version, int from, int to, long n) {
        long[] a = installs.computeIfAbsent(version, k -> new long[hours]);
        for (int h = from; h < to; h++) {
            a[h] += n;
        }
        return this;
    }

    /** {@code perHour} customers every hour of [from, to) with the symptom; symptom "" is all contacts. */
    GridSource customers(String version, String symptom, int from, int to, long perHour) {
        long[] a = customers.computeIfAbsent(new VersionSymptom(version, symptom), k -> new long[hours]);
        for (int h = from; h < to; h++) {
            a[h] += perHour;
        }
        if (!symptom.isEmpty()) {
            customers(version, "", from, to, perHour);
        }
        return this;
    }

    private void read(Instant to) {
        latestRead = to.isAfter(latestRead) ? to : latestRead;
    }

    private int idx(Instant t) {
        return (int) Duration.between(T0, t).toHours();
    }

    @Override
    public List<ReleaseInfo> releases(String product, Instant asOf) {
        return releases.stream().filter(r -> !r.releasedAt().isAfter(asOf)).toList();
    }

    @Override
    public Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to) {
        read(to);
        Map<String, long[]> out = new HashMap<>();
        installs.forEach((v, a) -> out.put(v, slice(a, from, to)));
        return out;
    }

    @Override
    public Map<VersionSymptom, Long> customers(String product, Instant from, Instant to) {
        read(to);
        Map<VersionSymptom, Long> out = new HashMap<>();
        customers.forEach((k, a) -> {
            long s = 0;
            for (long x : slice(a, from, to)) {
                s += x;
            }
            if (s > 0) {
                out.put(k, s);
            }
        });
        return out;
    }

    @Override
    public Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to) {
        read(to);
        Map<String, long[]> out = new HashMap<>();
        customers.forEach((k, a) -> {
            if (k.symptom().equals(symptom)) {
                out.put(k.version(), slice(a, from, to));
            }
        });
        return out;
    }

    /** Each category cell's first and last hour with customers before {@code to}. */
    @Override
    public List<CategoryHours> categoryHours(String product, Instant to) {
        read(to);
        List<CategoryHours> out = new ArrayList<>();
        customers.forEach((k, a) -> {
            int first = -1;
            int last = -1;
            for (int h = 0; h < Math.min(a.length, idx(to)); h++) {
                if (a[h] > 0) {
                    first = first < 0 ? h : first;
                    last = h;
                }
            }
            if (Symptoms.isCategory(k.symptom()) && first >= 0) {
                out.add(new CategoryHours(k.symptom(), k.version(), hour(first), hour(last)));
            }
        });
        return out;
    }

    private long[] slice(long[] a, Instant from, Instant to) {
        int f = idx(from), t = idx(to);
        long[] out = new long[Math.max(0, t - f)];
        for (int h = f; h < t; h++) {
            if (h >= 0 && h < a.length) {
                out[h - f] = a[h];
            }
        }
        return out;
    }

    @Override
    public void willRead(String product, List<VersionRange> ranges) {
        announced.addAll(ranges);
    }

    @Override
    public List<Map<VersionSymptom, Long>> customersOf(String product, List<VersionRange> ranges) {
        askedTogether.addAll(ranges);
        return DetectionSource.super.customersOf(product, ranges);
    }

    /** This grid's whole hours without its categories' hours (so no rename is found), as a source of its own. */
    DetectionSource withoutCategoryHours() {
        return withHourSoFar(null);
    }

    /**
     * This grid's whole hours, and {@code soFar} as the hour up to asOf (null: whole hours only); without the
     * categories' hours.
     */
    DetectionSource withHourSoFar(Map<VersionSymptom, Long> soFar) {
        GridSource grid = this;
        return new DetectionSource() {
            @Override
            public List<ReleaseInfo> releases(String product, Instant asOf) {
                return grid.releases(product, asOf);
            }

            @Override
            public Map<String, long[]> hourlyActiveInstalls(String product, Instant from, Instant to) {
                return grid.hourlyActiveInstalls(product, from, to);
            }

            @Override
            public Map<VersionSymptom, Long> customers(String product, Instant from, Instant to) {
                return grid.customers(product, from, to);
            }

            @Override
            public Map<String, long[]> hourlyCustomers(String product, String symptom, Instant from, Instant to) {
                return grid.hourlyCustomers(product, symptom, from, to);
            }

            @Override
            public Map<VersionSymptom, Long> partialHour(String product, Instant hour, Instant asOf) {
                return soFar;
            }
        };
    }
}

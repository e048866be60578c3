package io.releaseradar.detection.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateSeriesTest {

    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void ratesArePerThousandInstallsPerDayForTheVersionAndTheOtherVersions() {
        // 4 hours in 2-hour buckets. v2: 100 installs, then 200; v1: 1,000 throughout; '' (unknown version) ignored.
        Map<String, long[]> installs = Map.of(
                "v2", new long[] {100, 100, 200, 200},
                "v1", new long[] {1000, 1000, 1000, 1000},
                "", new long[] {0, 0, 0, 0});
        Map<String, long[]> customers = Map.of(
                "v2", new long[] {1, 1, 0, 8},
                "v1", new long[] {2, 0, 1, 1},
                "", new long[] {50, 50, 50, 50});

        RateSeries s = RateSeries.of("v2", T, 4, Duration.ofHours(2), installs, customers);

        assertThat(s.starts()).containsExactly(T, T.plus(Duration.ofHours(2)));
        // bucket 0: v2 2 customers / 200 install-hours * 24,000 = 240; v1 2 / 2,000 * 24,000 = 24
        assertThat(s.rate()[0]).isCloseTo(240.0, within(1e-9));
        assertThat(s.baseline()[0]).isCloseTo(24.0, within(1e-9));
        // bucket 1: v2 8 / 400 * 24,000 = 480; v1 2 / 2,000 * 24,000 = 24
        assertThat(s.rate()[1]).isCloseTo(480.0, within(1e-9));
        assertThat(s.baseline()[1]).isCloseTo(24.0, within(1e-9));
        assertThat(s.installs()).containsExactly(100, 200);
    }

    @Test
    void aBucketWithoutInstallHoursHasNoRateAndAShortLastBucketCountsItsOwnHours() {
        Map<String, long[]> installs = Map.of("new", new long[] {0, 0, 10}, "old", new long[] {500, 500, 500});
        Map<String, long[]> customers = Map.of("new", new long[] {0, 0, 1}, "old", new long[] {1, 1, 1});

        RateSeries s = RateSeries.of("new", T, 3, Duration.ofHours(2), installs, customers);

        assertThat(s.rate()[0]).isNaN();
        assertThat(s.baseline()[0]).isCloseTo(2 * 24_000.0 / 1000, within(1e-9));
        // the last bucket holds one hour only: 1 customer / 10 install-hours
        assertThat(s.rate()[1]).isCloseTo(24_000.0 / 10, within(1e-9));
        assertThat(s.baseline()[1]).isCloseTo(24_000.0 / 500, within(1e-9));
    }
}

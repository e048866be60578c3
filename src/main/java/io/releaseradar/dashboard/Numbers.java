package io.releaseradar.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write numbers, instants and windows. */
final class Numbers {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Numbers() {
    }

    static String rate(double perThousandPerDay) {
        return String.format(Locale.ROOT, "%.2f", perThousandPerDay);
    }

    static String ratio(double ratio) {
        return ratio <= 0 ? "—" : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String instant(Instant at) {
        return at == null ? "—" : MINUTE.format(at);
    }

    static String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    static String window(Duration window) {
        if (window == null) {
            return "";
        }
        long hours = window.toHours();
        return hours % 24 == 0 && hours >= 48 ? hours / 24 + " days" : hours + " h";
    }
}

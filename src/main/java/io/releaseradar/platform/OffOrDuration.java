package io.releaseradar.platform;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;

/**
 * Settings that are either switched off or a duration, read one way: "off", "disabled" or blank is off; a duration
 * is what Quarkus accepts elsewhere ({@code 90s}, {@code 6h}, {@code 180d}, ISO-8601 {@code PT1M}, a bare number of
 * seconds).
 */
public final class OffOrDuration {

    private OffOrDuration() {
    }

    /**
     * The duration, or null when the setting is off.
     *
     * @throws IllegalArgumentException naming the setting, when the value is neither off nor a non-negative duration
     */
    public static Duration parse(String setting, String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || "off".equalsIgnoreCase(v) || "disabled".equalsIgnoreCase(v)) {
            return null;
        }
        Duration d;
        try {
            d = DurationConverter.parseDuration(v);
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(setting + " must be off or a duration such as 1m, 6h or 180d, not '"
                    + value + "'");
        }
        return d;
    }
}

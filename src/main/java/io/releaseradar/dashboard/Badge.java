package io.releaseradar.dashboard;

import io.releaseradar.detection.core.VersionHealth;

/**
 * A health status as the pages show it: a CSS class for colour, and always an icon and a word as well, so that
 * the status reads without colour.
 */
public record Badge(String css, String icon, String label) {

    static Badge of(VersionHealth health) {
        if (health == null) {
            return new Badge("NO_DATA", "◌", "Not evaluated yet");
        }
        if (!health.enoughData() && health.status() == VersionHealth.Status.HEALTHY) {
            return new Badge("NO_DATA", "◌", "Not enough data yet");
        }
        return switch (health.status()) {
            case HEALTHY -> new Badge("HEALTHY", "✓", "Healthy");
            case WATCH -> new Badge("WATCH", "◔", "Watch");
            case AT_RISK -> new Badge("AT_RISK", "▲", "At risk");
            case CRITICAL -> new Badge("CRITICAL", "⛔", "Critical");
        };
    }

    /** Whether the version needs attention (at risk or critical). */
    public boolean bad() {
        return css.equals("AT_RISK") || css.equals("CRITICAL");
    }
}

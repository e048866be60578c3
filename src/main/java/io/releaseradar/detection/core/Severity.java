package io.releaseradar.detection.core;

/** How bad a finding is, weakest first, so that {@code compareTo} orders by strength. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}

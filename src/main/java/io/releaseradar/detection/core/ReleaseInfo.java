package io.releaseradar.detection.core;

import java.time.Instant;

/** A release known at the evaluation instant: {@code previousVersion} as recorded, may be null. */
public record ReleaseInfo(String version, Instant releasedAt, String previousVersion) {
}

package io.releaseradar.releases;

import io.releaseradar.detection.core.VersionHealth;
import java.time.Instant;
import java.util.Map;

/**
 * The releases' health, as the release catalogue's API shows it. Detection provides it: releases is below detection
 * (ingest and the install base register products here, and detection reads the catalogue), so it names only this
 * interface and detection's plain result type, never detection's services.
 */
public interface ReleaseHealth {

    /** The latest stored health of each version of the product (versions never evaluated are absent). */
    Map<String, VersionHealth> latest(String product);

    /** The version's latest stored health when held in memory, else null; never blocks. */
    VersionHealth heldLatest(String product, String version);

    /**
     * {@link #heldLatest} as JSON (the bytes the health view sends: the same for every caller until the next
     * evaluation, so written once), else null; never blocks. Do not change the array.
     */
    byte[] heldLatestJson(String product, String version);

    /** The version's health as of {@code asOf}, or the latest when asOf is null; 404 for an unknown release. */
    VersionHealth health(String product, String version, Instant asOf);
}

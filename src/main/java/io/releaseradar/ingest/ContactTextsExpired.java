package io.releaseradar.ingest;

import java.time.Instant;

/**
 * Fired after each run of the contact text retention: the text of every contact received before {@code cutoff} is
 * gone, so features that copied some of it (alert sample quotes) drop their copies too.
 */
public record ContactTextsExpired(Instant cutoff) {
}

package io.releaseradar.ingest;

import java.time.Instant;

/**
 * A contact as stored: {@code version} is the given or resolved version, null when it could not be resolved.
 * Carried by {@link ContactsStored}.
 */
public record StoredContact(String source, String externalId, Instant receivedAt, String channel, String customerId,
        String product, String version, String category, String subject, String body) {
}

package io.releaseradar.ingest;

import java.time.Instant;

/**
 * A stored support contact quoted verbatim as an example of a symptom (see {@link ContactSamples}).
 *
 * @param customerId null for an anonymous contact
 */
public record ContactSample(String source, String externalId, Instant receivedAt, String subject,
        String customerId) {
}

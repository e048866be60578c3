package io.releaseradar.intake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One helpdesk connected to the intake.
 *
 * @param mapping  contact field to JSON Pointer; empty for a {@code zendesk} intake that reads Zendesk's fields as
 *                 they are (entries there override single fields)
 * @param channels the helpdesk's channel value to one of the contract's channels
 */
record IntakeSource(String source, IntakeFormat format, String secret, String product, Map<String, String> mapping,
        Map<String, String> channels) {

    IntakeSource {
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /** What the API shows: everything but the secret. */
    IntakeView view() {
        return new IntakeView(source, format.json(), product, mapping.isEmpty() ? null : mapping,
                channels.isEmpty() ? null : channels);
    }
}

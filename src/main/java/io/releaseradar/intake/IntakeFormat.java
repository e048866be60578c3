package io.releaseradar.intake;

import java.util.Locale;
import java.util.Optional;

/** How an intake reads its helpdesk's JSON and checks its signature. */
public enum IntakeFormat {
    /** Zendesk's ticket event webhooks, signed with Zendesk's own headers. */
    ZENDESK,
    /** Any JSON, read by JSON Pointers, signed with {@code X-Radar-Signature}. */
    MAPPING;

    /** The name in the API's JSON. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<IntakeFormat> of(String text) {
        for (IntakeFormat format : values()) {
            if (format.json().equals(text)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}

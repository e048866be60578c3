package io.releaseradar.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Instants from query parameters, strictly ISO-8601 with a zone, like the JSON bodies. */
public final class Instants {

    private Instants() {
    }

    /** Parses {@code value}, or answers 400 naming the parameter. Truncated to microseconds, as stored. */
    public static Instant parseParam(String name, String value) {
        try {
            return Instant.parse(value).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("Query parameter " + name + " is not an ISO-8601 instant.",
                    List.of(new Problem.FieldError(name, "must be an ISO-8601 instant with a zone, e.g. "
                            + "2026-03-01T14:00:00Z")));
        }
    }
}

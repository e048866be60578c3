package io.releaseradar.intake;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * RFC 6901 JSON Pointers into a helpdesk's JSON. Jackson reads a pointer leniently (a {@code ~} followed by anything
 * but 0 or 1 is taken literally), so the syntax is checked here, when an intake is configured, and a typo is a 400
 * then rather than a pointer that silently never matches.
 */
final class JsonPointers {

    private JsonPointers() {
    }

    /** Why {@code pointer} is not an RFC 6901 pointer to a member of the payload; empty when it is one. */
    static Optional<String> problem(String pointer) {
        if (pointer.isEmpty()) {
            return Optional.of("must not be empty: the empty pointer is the whole payload, not one value in it");
        }
        if (pointer.charAt(0) != '/') {
            return Optional.of("must start with / (an RFC 6901 JSON Pointer such as /ticket/id)");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~'
                    && (i + 1 == pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                return Optional.of("has a ~ not followed by 0 or 1 (write ~0 for ~ and ~1 for / in a member name)");
            }
        }
        return Optional.empty();
    }

    /** The value {@code pointer} finds in {@code document}; empty when it finds nothing or JSON null. */
    static Optional<JsonNode> find(JsonNode document, String pointer) {
        JsonNode value = document.at(JsonPointer.compile(pointer));
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
    }
}

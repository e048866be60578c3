package io.releaseradar.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseradar.platform.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract's contact JSON being filled from a helpdesk's payload, and what could not be filled. The result goes
 * through ingest's own parser, so a mapped contact is validated exactly like one posted to /api/v1/contacts; this
 * class only turns the helpdesk's values into the contract's text.
 */
final class ContactDraft {

    /** A numeric instant above this is in milliseconds (13 digits today), else in seconds (10 digits). */
    private static final long MILLIS_ABOVE = 100_000_000_000L;
    /** An offset written without a colon, as Jira writes it ({@code 2022-02-18T15:20:11.662+0530}). */
    private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    /** The contract's own channel names map to themselves, so a helpdesk that already says "phone" needs no map. */
    static final Map<String, String> CONTRACT_CHANNELS = Map.of("phone", "phone", "email", "email", "chat", "chat",
            "web", "web", "social", "social", "other", "other");

    private final ObjectNode contact;
    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final Map<String, String> channels;
    private final Map<String, String> defaultChannels;

    /**
     * @param channels        the intake's map of the helpdesk's channel values
     * @param defaultChannels what a value the intake does not map means, by its lower-case spelling
     */
    ContactDraft(ObjectMapper json, String source, Map<String, String> channels, Map<String, String> defaultChannels) {
        this.contact = json.createObjectNode();
        this.channels = channels;
        this.defaultChannels = defaultChannels;
        contact.put("source", source);
        contact.put("channel", "other");
    }

    /** Sets the channel from the helpdesk's value: the intake's map, else the defaults, else other. */
    void channel(String value) {
        String mapped = value == null ? null : channels.get(value);
        if (mapped == null && value != null) {
            mapped = defaultChannels.get(value.toLowerCase(java.util.Locale.ROOT));
        }
        contact.put("channel", mapped != null ? mapped : "other");
    }

    /** Sets a field of the contact; null leaves it unset (null in the contract). */
    void put(String field, String value) {
        if (value != null) {
            contact.put(field, value);
        } else {
            contact.remove(field);
        }
    }

    boolean has(String field) {
        return contact.hasNonNull(field);
    }

    /** Records that a field the contact needs could not be found in the payload. */
    void missing(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    /**
     * Sets {@code field} from what {@code pointer} finds in {@code payload}; returns whether it found a value. A blank
     * text counts as nothing (helpdesk placeholders render an empty string for an empty field); an object or array
     * is an error, since a contact field holds one value.
     */
    boolean fromPointer(String field, JsonNode payload, String pointer) {
        Optional<JsonNode> found = JsonPointers.find(payload, pointer);
        if (found.isEmpty()) {
            return false;
        }
        if (found.get().isContainerNode()) {
            errors.add(new Problem.FieldError(field, "the pointer " + pointer + " finds "
                    + (found.get().isArray() ? "an array" : "an object") + ", not a single value"));
            return true;
        }
        String text = field.equals("receivedAt") ? instant(found.get()) : text(found.get());
        if (text == null) {
            return false;
        }
        if (field.equals("channel")) {
            channel(text);
        } else {
            put(field, text);
        }
        return true;
    }

    /** Text of a scalar value; null for a blank text. Numbers keep their digits ({@code 5158}, not 5158.0). */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /**
     * An instant as the contract writes it. Numbers are Unix time (milliseconds when above 10^11, else seconds);
     * texts are passed on as ISO-8601, with a colon put into an offset written without one, so that the contract's
     * parser accepts them or names the field.
     */
    static String instant(JsonNode value) {
        if (value.isIntegralNumber()) {
            long n = value.asLong();
            return (Math.abs(n) > MILLIS_ABOVE ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n)).toString();
        }
        String text = text(value);
        return text == null ? null : COLONLESS_OFFSET.matcher(text.trim()).replaceFirst("$1:$2");
    }

    boolean valid() {
        return errors.isEmpty();
    }

    List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    JsonNode contact() {
        return contact;
    }
}

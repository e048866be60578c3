package io.releaseradar.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the fields of one JSON object and collects what is wrong with them, so that one bad item of a batch is
 * rejected with a precise reason while the others are stored. Used for REST and Kafka alike.
 */
public final class JsonItem {

    private final JsonNode node;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private JsonItem(JsonNode node) {
        this.node = node;
        if (node == null || !node.isObject()) {
            errors.add(new Problem.FieldError("", "must be a JSON object"));
        }
    }

    public static JsonItem of(JsonNode node) {
        return new JsonItem(node);
    }

    /** A string field; null when absent or JSON null. Text over {@code maxBytes} UTF-8 bytes is an error. */
    public String string(String field, boolean required, int maxBytes) {
        String text = raw(field, required, maxBytes);
        // PostgreSQL text cannot hold NUL; keep the rest of what the customer wrote.
        return text != null && text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
    }

    // The string as sent: a key is checked before anything in it is replaced.
    private String raw(String field, boolean required, int maxBytes) {
        JsonNode value = field(field);
        if (value == null) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            fail(field, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (required && text.isBlank()) {
            fail(field, "must not be empty");
            return null;
        }
        if (isLonger(text, maxBytes)) {
            fail(field, "is longer than " + maxBytes + " bytes");
            return null;
        }
        return text;
    }

    /**
     * A string field that ends up in a mail header (a customer's name, a notice's subject and its translations): a
     * CR or LF would start a header of the sender's choosing, so any control character (C0 with NUL, DEL, C1) is an
     * error, and so are Unicode's line and paragraph separators. Checked when the text arrives, not stripped when the
     * mail is built: the author hears of it and nothing is stored. The one place that decides this.
     */
    public String headerText(String field, boolean required, int maxBytes) {
        String text = raw(field, required, maxBytes);
        if (text != null && breaksHeader(text)) {
            fail(field, "must not contain control characters such as CR, LF or TAB, nor line separators (it goes "
                    + "into a mail header)");
            return null;
        }
        return text;
    }

    /** Whether {@code text} holds a control character or a Unicode line or paragraph separator. */
    static boolean breaksHeader(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

    /** A string field that must match a shape, e.g. a product key. */
    public String key(String field, boolean required, Predicate<String> shape, String message) {
        String value = raw(field, required, 400);
        if (value != null && !shape.test(value)) {
            fail(field, message);
            return null;
        }
        return value;
    }

    /** An ISO-8601 instant with a zone or offset, e.g. {@code 2026-03-01T14:00:00Z}. */
    public Instant instant(String field, boolean required) {
        String text = string(field, required, 100);
        if (text == null) {
            return null;
        }
        try {
            // PostgreSQL keeps microseconds; truncating here makes what we answer equal what we store.
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            fail(field, "must be an ISO-8601 instant with a zone, e.g. 2026-03-01T14:00:00Z");
            return null;
        }
    }

    /** A boolean field; {@code defaultValue} when absent. */
    public boolean bool(String field, boolean defaultValue) {
        JsonNode value = field(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            fail(field, "must be true or false");
            return defaultValue;
        }
        return value.booleanValue();
    }

    public void fail(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** The errors as one line, for a batch item's {@code error} or a dead letter's {@code reason}. */
    public String describeErrors() {
        return String.join("; ", errors.stream()
                .map(e -> e.field().isEmpty() ? e.message() : e.field() + " " + e.message()).toList());
    }

    private JsonNode field(String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    // A UTF-16 char takes at most 3 UTF-8 bytes, so most texts need no encoding to be checked.
    private static boolean isLonger(String text, int maxBytes) {
        return text.length() * 3L > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }
}

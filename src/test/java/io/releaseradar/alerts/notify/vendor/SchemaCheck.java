package io.releaseradar.alerts.notify.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Collects where a JSON document breaks a vendor's documented schema: each check names the JSON path and the rule,
 * so a failing test says what a real receiver would have refused.
 */
abstract class SchemaCheck {

    private final List<String> violations = new ArrayList<>();

    List<String> violations() {
        return List.copyOf(violations);
    }

    void fail(String path, String rule) {
        violations.add(path + ": " + rule);
    }

    /** An object, with no member outside {@code allowed} (the schema's additionalProperties: false). */
    boolean object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            fail(path, "must be an object");
            return false;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(path + "." + name, "is not a property of this object");
            }
        }
        return true;
    }

    /** A required string of {@code min} to {@code max} characters. */
    void string(JsonNode parent, String field, String path, int min, int max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            fail(path + "." + field, "is required");
        } else {
            optionalString(parent, field, path, min, max);
        }
    }

    /** A string of {@code min} to {@code max} characters when present. */
    void optionalString(JsonNode parent, String field, String path, int min, int max) {
        JsonNode value = parent.get(field);
        if (value == null) {
            return;
        }
        if (!value.isTextual()) {
            fail(path + "." + field, "must be a string");
            return;
        }
        int length = value.textValue().codePointCount(0, value.textValue().length());
        if (length < min || length > max) {
            fail(path + "." + field, "must have " + min + " to " + max + " characters, has " + length);
        }
    }

    /** One of {@code values} when present (required when {@code required}). */
    void oneOf(JsonNode parent, String field, String path, boolean required, Set<String> values) {
        JsonNode value = parent.get(field);
        if (value == null) {
            if (required) {
                fail(path + "." + field, "is required");
            }
            return;
        }
        if (!value.isTextual() || !values.contains(value.textValue())) {
            fail(path + "." + field, "must be one of " + values + ", is " + value);
        }
    }

    void bool(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value != null && !value.isBoolean()) {
            fail(path + "." + field, "must be true or false");
        }
    }

    /** An array of {@code min} to {@code max} items (required when {@code min} &gt; 0). */
    JsonNode array(JsonNode parent, String field, String path, int min, int max) {
        JsonNode value = parent.get(field);
        if (value == null) {
            if (min > 0) {
                fail(path + "." + field, "is required");
            }
            return null;
        }
        if (!value.isArray()) {
            fail(path + "." + field, "must be an array");
            return null;
        }
        if (value.size() < min || value.size() > max) {
            fail(path + "." + field, "must have " + min + " to " + max + " items, has " + value.size());
        }
        return value;
    }

    /** An absolute http(s) URL. */
    void url(JsonNode parent, String field, String path, int max) {
        string(parent, field, path, 1, max);
        JsonNode value = parent.get(field);
        if (value != null && value.isTextual() && !value.textValue().matches("https?://[^\\s/]+(/\\S*)?")) {
            fail(path + "." + field, "must be an absolute http(s) URL, is " + value.textValue());
        }
    }
}

package io.releaseradar.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.ingest.ContactParser;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of an intake PUT (documents the schema; {@link #parse} reads it strictly: unknown fields, wrong types and
 * malformed pointers are a 400 that names them).
 */
@Schema(name = "IntakeRequest")
public record IntakeRequest(
        @Schema(required = true, enumeration = {"zendesk", "mapping"}, example = "mapping",
                description = "zendesk: Zendesk's ticket event webhooks as Zendesk sends them; mapping: any JSON, "
                        + "read by `mapping`")
        String format,
        @Schema(required = true, example = "a-long-random-secret-shared-with-the-helpdesk",
                description = "HMAC-SHA256 key of the helpdesk's signature, 16 to 256 characters. Write-only: "
                        + "send it with every PUT, GET never shows it")
        String secret,
        @Schema(nullable = true, example = "notes", description = "The product of every contact whose payload "
                + "names none (no `product` pointer, or it finds nothing); required for zendesk")
        String product,
        @Schema(nullable = true, description = "Contact field (externalId, receivedAt, customerId, product, "
                + "version, category, subject, body, channel) to an RFC 6901 JSON Pointer into the helpdesk's "
                + "JSON. mapping: externalId required; without receivedAt a contact is dated when it arrives. "
                + "zendesk: optional, overrides single fields",
                example = "{\"externalId\": \"/ticket/id\", \"subject\": \"/ticket/subject\"}")
        Map<String, String> mapping,
        @Schema(nullable = true, description = "The helpdesk's channel value to phone, email, chat, web, social "
                + "or other; values neither listed here nor a contract channel become other",
                example = "{\"Email\": \"email\", \"Portal\": \"web\"}")
        Map<String, String> channels) {

    /** The contact fields a pointer may fill, in the contract's order (which is also the order errors come in). */
    static final List<String> MAPPABLE = List.of("externalId", "receivedAt", "customerId", "product", "version",
            "category", "subject", "body", "channel");
    static final int MIN_SECRET = 16;
    private static final Set<String> FIELDS = Set.of("format", "secret", "product", "mapping", "channels");

    /** Reads the intake {@code source} from a PUT body; a 400 with every invalid field otherwise. */
    static IntakeSource parse(String source, JsonNode node) {
        JsonItem item = JsonItem.of(node);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                item.fail(name, "is not a field of an intake (known: format, secret, product, mapping, channels)");
            }
        }
        String formatText = item.string("format", true, 20);
        IntakeFormat format = formatText == null ? null : IntakeFormat.of(formatText).orElse(null);
        if (formatText != null && format == null) {
            item.fail("format", "must be zendesk or mapping");
        }
        String secret = item.string("secret", true, 1024);
        if (secret != null && (secret.length() < MIN_SECRET || secret.length() > 256)) {
            item.fail("secret", "must be 16 to 256 characters");
        }
        String product = item.key("product", false, Keys::isProduct, Keys.PRODUCT_MESSAGE);
        Map<String, String> mapping = mapping(item, node.get("mapping"));
        Map<String, String> channels = channels(item, node.get("channels"));
        JsonNode mappingNode = node.path("mapping");
        if (format == IntakeFormat.MAPPING && !mappingNode.isObject() && !node.hasNonNull("mapping")) {
            item.fail("mapping", "is required for format mapping, with at least externalId");
        } else if (format == IntakeFormat.MAPPING && mappingNode.isObject() && !mappingNode.has("externalId")) {
            item.fail("mapping.externalId", "is required: the pointer to the helpdesk's id of the ticket");
        }
        if (!node.hasNonNull("product") && !mappingNode.has("product")) {
            item.fail("product", "is required unless the mapping has a product pointer"
                    + (format == IntakeFormat.ZENDESK ? " (Zendesk's events name no product)" : ""));
        }
        checkSource(source, item);
        if (!item.valid()) {
            List<Problem.FieldError> errors = item.errors().stream()
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
            throw ProblemException.invalid("The intake has invalid fields.", errors);
        }
        return new IntakeSource(source, format, secret, product, mapping, channels);
    }

    /** A 400 unless {@code source} has the shape of a contact source. */
    static void checkSource(String source) {
        if (!Keys.isSource(source)) {
            throw ProblemException.invalid("The intake source is invalid.",
                    List.of(new Problem.FieldError("source", Keys.SOURCE_MESSAGE)));
        }
    }

    private static void checkSource(String source, JsonItem item) {
        if (!Keys.isSource(source)) {
            item.fail("source", Keys.SOURCE_MESSAGE);
        }
    }

    private static Map<String, String> mapping(JsonItem item, JsonNode node) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return mapping;
        }
        if (!node.isObject()) {
            item.fail("mapping", "must be an object of contact field to JSON Pointer, or null");
            return mapping;
        }
        node.fields().forEachRemaining(entry -> {
            String field = "mapping." + entry.getKey();
            if (!MAPPABLE.contains(entry.getKey())) {
                item.fail(field, "is not a contact field (known: externalId, receivedAt, customerId, product, "
                        + "version, category, subject, body, channel)");
            } else if (!entry.getValue().isTextual()) {
                item.fail(field, "must be a JSON Pointer string such as /ticket/id");
            } else if (entry.getValue().textValue().length() > 1000) {
                item.fail(field, "is longer than 1000 characters");
            } else {
                JsonPointers.problem(entry.getValue().textValue()).ifPresentOrElse(
                        problem -> item.fail(field, problem),
                        () -> mapping.put(entry.getKey(), entry.getValue().textValue()));
            }
        });
        return mapping;
    }

    private static Map<String, String> channels(JsonItem item, JsonNode node) {
        Map<String, String> channels = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return channels;
        }
        if (!node.isObject()) {
            item.fail("channels", "must be an object of the helpdesk's channel value to a contact channel, or null");
            return channels;
        }
        node.fields().forEachRemaining(entry -> {
            String field = "channels." + entry.getKey();
            if (entry.getKey().isBlank() || entry.getKey().length() > 200) {
                item.fail(field, "must be a helpdesk value of 1 to 200 characters");
            } else if (!entry.getValue().isTextual() || !ContactParser.CHANNELS.contains(entry.getValue().asText())) {
                item.fail(field, "must be one of phone, email, chat, web, social, other");
            } else {
                channels.put(entry.getKey(), entry.getValue().textValue());
            }
        });
        return channels;
    }
}

package io.releaseradar.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies that the resources parse themselves (to reject items one by one): a batch is a JSON array of
 * at most {@code maxItems} elements, streamed so that an oversized batch is refused without building all of it; a
 * single item is a JSON object. Anything else is a 400 and nothing of it is stored.
 */
public final class JsonBody {

    /** Items per batch call, as the contract fixes it. */
    public static final int MAX_ITEMS = 10_000;

    private JsonBody() {
    }

    /** Reads a batch of at most {@link #MAX_ITEMS}. */
    public static List<JsonNode> readArray(ObjectMapper json, InputStream body) {
        return readArray(json, body, MAX_ITEMS);
    }

    public static List<JsonNode> readArray(ObjectMapper json, InputStream body, int maxItems) {
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw ProblemException.unreadable(first == null
                        ? "The body is empty; send a JSON array of items."
                        : "The body must be a JSON array of items.");
            }
            List<JsonNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (items.size() == maxItems) {
                    throw new ProblemException(400, ProblemTypes.TOO_LARGE, "Batch too large",
                            "A batch holds at most " + maxItems + " items; split it into several calls.", null);
                }
                items.add(json.readTree(parser));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.unreadable("Unexpected content after the JSON array.");
            }
            return items;
        } catch (JsonProcessingException e) {
            throw ProblemException.unreadable("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.unreadable("The body could not be read.");
        }
    }

    /** Reads one JSON object; {@code hint} tells the caller what to send instead of anything else. */
    public static JsonNode readObject(ObjectMapper json, InputStream body, String hint) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.unreadable("The body is empty; " + hint);
            }
            if (!node.isObject()) {
                throw ProblemException.unreadable("The body must be a JSON object; " + hint);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProblemException.unreadable("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.unreadable("The body could not be read.");
        }
    }
}

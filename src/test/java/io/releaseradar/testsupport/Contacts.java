package io.releaseradar.testsupport;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Contact JSON bodies for tests; each returns a fresh mutable map. */
public final class Contacts {

    private Contacts() {
    }

    /**
     * A valid contact of customer "c-{externalId}" on version 1.0.0, category "Sync Issues". Its source is derived
     * from the product, so that the (source, externalId) key is as unique as the test's product key.
     */
    public static Map<String, Object> contact(String product, String externalId, String receivedAt) {
        Map<String, Object> c = new HashMap<>();
        c.put("source", "hd-" + product);
        c.put("externalId", externalId);
        c.put("receivedAt", receivedAt);
        c.put("channel", "phone");
        c.put("customerId", "c-" + externalId);
        c.put("product", product);
        c.put("version", "1.0.0");
        c.put("category", "Sync Issues");
        c.put("subject", "Notes vanished");
        c.put("body", "after the update my notes are gone");
        return c;
    }

    /**
     * A contact of {@code customerId} without a version (resolved from the customer's installation at
     * {@code receivedAt}), with the given category and texts.
     */
    public static Map<String, Object> unversioned(String product, String externalId, String customerId,
            Instant receivedAt, String category, String subject, String body) {
        Map<String, Object> c = contact(product, externalId, receivedAt.toString());
        c.put("customerId", customerId);
        c.put("version", null);
        c.put("category", category);
        c.put("subject", subject);
        c.put("body", body);
        return c;
    }
}

package io.releaseradar.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The {@code mapping} format: each contact field is what its RFC 6901 pointer finds in the helpdesk's JSON.
 * externalId must be found; receivedAt, when the mapping has none, is the time the call arrived; product, when its
 * pointer is missing or finds nothing, is the intake's fixed product; channel goes through the intake's
 * {@code channels} (a contract channel name is taken as it is, anything else is other); the other fields are null
 * when not found.
 */
final class PointerMapping {

    private PointerMapping() {
    }

    static void read(IntakeSource intake, JsonNode payload, Instant arrived, ContactDraft draft) {
        Map<String, String> mapping = intake.mapping();
        for (String field : IntakeRequest.MAPPABLE) {
            String pointer = mapping.get(field);
            if (pointer == null) {
                continue;
            }
            boolean found = draft.fromPointer(field, payload, pointer);
            boolean required = field.equals("externalId") || field.equals("receivedAt")
                    || (field.equals("product") && intake.product() == null);
            if (!found && required) {
                draft.missing(field, "the pointer " + pointer + " finds nothing in the payload"
                        + (field.equals("product") ? " and the intake has no product" : ""));
            }
        }
        if (!mapping.containsKey("receivedAt")) {
            draft.put("receivedAt", arrived.truncatedTo(ChronoUnit.MICROS).toString());
        }
        if (!draft.has("product")) {
            draft.put("product", intake.product());
        }
    }
}

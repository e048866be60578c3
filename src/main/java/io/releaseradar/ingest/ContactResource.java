package io.releaseradar.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.platform.IngestRateLimit;
import io.releaseradar.platform.JsonBody;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Rejection;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Support contacts from helpdesks over HTTP. */
@Path("/api/v1/contacts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INGEST, Roles.ADMIN})
@Tag(name = "Support contacts")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "429", description = "This client sent more items than its rate limit allows "
        + "(radar.ingest.rate-limit.*, per instance); nothing was stored. Retry after the `Retry-After` seconds.",
        headers = @Header(name = "Retry-After", description = "Seconds to wait before calling again",
                schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ContactResource {

    private static final String EXAMPLE = """
            {"source":"zendesk","externalId":"ZD-881234","receivedAt":"2026-03-03T14:05:00Z","channel":"phone",
             "customerId":"cust-0042","product":"notes","version":null,"category":"Sync",
             "subject":"Notes vanished after the update","body":"Since updating this morning my notes are gone."}""";

    private final ContactIngestService service;
    private final IngestMetrics metrics;
    private final ObjectMapper json;
    private final IngestRateLimit rateLimit;

    ContactResource(ContactIngestService service, IngestMetrics metrics, ObjectMapper json,
            IngestRateLimit rateLimit) {
        this.service = service;
        this.metrics = metrics;
        this.json = json;
        this.rateLimit = rateLimit;
    }

    @POST
    @Operation(summary = "Report one support contact",
            description = "Stores a ticket, call or chat and ties it to a product version: the one given, or else "
                    + "the version the customer had installed at `receivedAt`. Sending the same (source, "
                    + "externalId) again is safe: the answer is 200 and nothing changes.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactIn.class),
            examples = @ExampleObject(name = "a phone call", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactReceipt.class)))
    @APIResponse(responseCode = "200", description = "Already stored; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields (see `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response one(InputStream body) {
        rateLimit.acquire();
        JsonNode node = JsonBody.readObject(json, body,
                "send one contact as a JSON object, and arrays to /api/v1/contacts/batch.");
        ContactParser.Parsed parsed = ContactParser.parse(node);
        if (!parsed.valid()) {
            metrics.rejected(Ingress.REST, parsed.source());
            throw ProblemException.invalid("The contact has invalid fields.", parsed.errors());
        }
        ContactIn contact = parsed.contact();
        ContactIngestService.Outcome outcome = service.ingest(List.of(contact), Ingress.REST).get(0);
        String version = outcome.duplicate()
                ? service.storedVersion(contact.source(), contact.externalId()).flatMap(v -> v).orElse(null)
                : outcome.version();
        ContactReceipt receipt = new ContactReceipt(contact.source(), contact.externalId(), contact.product(),
                version, outcome.duplicate());
        return Response.status(outcome.duplicate() ? 200 : 201).entity(receipt).build();
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Report a batch of support contacts",
            description = "Stores up to 10,000 contacts in one call. Valid items are stored even when others are "
                    + "rejected; each rejected item is listed with its index and reason. Items already stored "
                    + "count as `duplicates` and change nothing, so a batch can be re-sent after a timeout.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ContactIn.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "one call", value = "[" + EXAMPLE + "]")))
    @APIResponse(responseCode = "200", description = "Counts of accepted and duplicate contacts, and the rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ContactBatchResult.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON array, malformed JSON, or more than 10,000 items",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactBatchResult batch(InputStream body) {
        rateLimit.check();
        List<JsonNode> items = JsonBody.readArray(json, body);
        rateLimit.acquire(items.size());
        List<ContactIn> valid = new ArrayList<>(items.size());
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ContactParser.Parsed parsed = ContactParser.parse(items.get(i));
            if (parsed.valid()) {
                valid.add(parsed.contact());
            } else {
                rejected.add(new Rejection(i, parsed.reason()));
                metrics.rejected(Ingress.REST, parsed.source());
            }
        }
        List<ContactIngestService.Outcome> outcomes = service.ingest(valid, Ingress.REST);
        int duplicates = (int) outcomes.stream().filter(ContactIngestService.Outcome::duplicate).count();
        return new ContactBatchResult(valid.size() - duplicates, duplicates, rejected);
    }
}

package io.releaseradar.installbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.platform.IngestRateLimit;
import io.releaseradar.platform.JsonBody;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
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

/** The install-base feed: customers and installations, in batches. */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INGEST, Roles.ADMIN})
@Tag(name = "Install base")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "Not a JSON array, malformed JSON, or more than 10,000 items",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "This client sent more items than its rate limit allows "
        + "(radar.ingest.rate-limit.*, per instance); nothing was stored. Retry after the `Retry-After` seconds.",
        headers = @Header(name = "Retry-After", description = "Seconds to wait before calling again",
                schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InstallBaseResource {

    private final InstallBaseService service;
    private final ObjectMapper json;
    private final IngestRateLimit rateLimit;

    InstallBaseResource(InstallBaseService service, ObjectMapper json, IngestRateLimit rateLimit) {
        this.service = service;
        this.json = json;
        this.rateLimit = rateLimit;
    }

    @POST
    @Path("/customers/batch")
    @Operation(summary = "Upsert customers",
            description = "Creates or updates up to 10,000 customers by id. Invalid items are listed under "
                    + "`rejected` with their index and reason; the valid ones are stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerIn.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "two customers", value = """
                    [{"id":"cust-0042","name":"Ada Lovelace","email":"ada@example.com","locale":"en-GB","optedOut":false},
                     {"id":"cust-0043","name":null,"email":"ops@example.org","locale":null,"optedOut":true}]""")))
    @APIResponse(responseCode = "200", description = "How many were upserted, and which were rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CustomerBatchResult.class)))
    public CustomerBatchResult customers(InputStream body) {
        rateLimit.check();
        List<JsonNode> items = JsonBody.readArray(json, body);
        rateLimit.acquire(items.size());
        return service.upsertCustomers(items);
    }

    @POST
    @Path("/installations/batch")
    @Operation(summary = "Record installations",
            description = "Adds up to 10,000 installations to the history: from `installedAt` on, the customer "
                    + "runs that version of the product, and its earlier installation of the product ends then. "
                    + "Re-sent rows come back as `duplicates` and change nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InstallationIn.class, type = SchemaType.ARRAY),
            examples = @ExampleObject(name = "an upgrade", value = """
                    [{"customerId":"cust-0042","product":"notes","version":"2.3.2","installedAt":"2026-02-01T10:00:00Z"},
                     {"customerId":"cust-0042","product":"notes","version":"2.4.0","installedAt":"2026-03-02T08:15:00Z"}]""")))
    @APIResponse(responseCode = "200", description = "Counts of accepted and duplicate rows, and the rejected ones",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InstallationBatchResult.class)))
    public InstallationBatchResult installations(InputStream body) {
        rateLimit.check();
        List<JsonNode> items = JsonBody.readArray(json, body);
        rateLimit.acquire(items.size());
        return service.addInstallations(items);
    }
}

package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.platform.JsonBody;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Subscriptions to alerts over HTTP: who is told of new and worsening alerts, by e-mail and/or webhook. */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPPORT_LEAD, Roles.ADMIN})
@Tag(name = "Subscriptions")
@SecurityRequirement(name = "bearer")
public class SubscriptionResource {

    private static final String EXAMPLE = """
            {"product":"notes","minSeverity":"HIGH","email":"sync-oncall@example.com",
             "webhookUrl":"https://hooks.example.com/release-radar",
             "webhookSecret":"s3cr3t-shared-with-the-receiver"}""";
    /** As the contract has it for identifiers in paths (and as {@link SubscriptionRequest#checkId} checks). */
    private static final String ID_DESCRIPTION = "A key of your choice: 1-100 characters, none of them a control "
            + "character (URL-encoded in the path)";

    private final SubscriptionService service;
    private final ObjectMapper json;

    SubscriptionResource(SubscriptionService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a subscription",
            description = "When an alert of the product (or of any product, when `product` is null) opens at "
                    + "`minSeverity` or above, or its severity rises to it or above, the subscription gets one "
                    + "e-mail and/or one POST to `webhookUrl` per alert and severity, retried with back-off until "
                    + "delivered; for `kind` `pagerduty` also a resolve when the alert is resolved or dismissed. The "
                    + "body depends on `kind`: the Alert JSON (`webhook`), a Slack Block Kit message (`slack`), a "
                    + "Teams message with one Adaptive Card (`teams`), a PagerDuty Events API v2 event "
                    + "(`pagerduty`, with `routingKey`). Webhook bodies carry a Slack-style `text` line and are signed "
                    + "with `X-Radar-Signature: sha256=<hex HMAC-SHA256 of the body with webhookSecret>` and the "
                    + "Standard Webhooks `webhook-id` (the same on every attempt at one delivery, as "
                    + "`X-Radar-Delivery`), `webhook-timestamp` and `webhook-signature` (docs/webhooks.md). The "
                    + "PUT replaces the whole subscription: send `webhookSecret` every time, since GET never "
                    + "shows it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "mail and signed webhook", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The subscription was created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "200", description = "The subscription existed and was replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown fields or invalid fields (see `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("id") @Parameter(description = ID_DESCRIPTION) @Schema(example = "sync-oncall")
            String id, InputStream body) {
        SubscriptionRequest.checkId(id);
        SubscriptionService.Saved saved = service.save(id, JsonBody.readObject(json, body,
                "send one subscription as a JSON object."));
        return Response.status(saved.created() ? 201 : 200).entity(saved.subscription()).build();
    }

    @GET
    @Operation(summary = "List subscriptions", description = "All subscriptions, by id. Secrets are never shown.")
    @APIResponse(responseCode = "200", description = "The subscriptions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class, type = SchemaType.ARRAY)))
    public List<SubscriptionView> list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a subscription", description = "One subscription. Its secret is never shown.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubscriptionView get(@PathParam("id") @Parameter(description = ID_DESCRIPTION)
            @Schema(example = "sync-oncall") String id) {
        SubscriptionRequest.checkId(id);
        return service.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription",
            description = "Stops the subscription; its deliveries not yet sent are given up.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Invalid id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") @Parameter(description = ID_DESCRIPTION)
            @Schema(example = "sync-oncall") String id) {
        SubscriptionRequest.checkId(id);
        service.delete(id);
    }
}

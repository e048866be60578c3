package io.releaseradar.intake;

import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where helpdesks post their own JSON. No bearer token: a helpdesk cannot get one, so each call proves itself with
 * the intake's shared secret (see {@link IntakeSignatures}); a call that does not is refused before its JSON is read.
 */
@Path("/intake/{source}")
@PermitAll
@Tag(name = "Helpdesk intake")
public class IntakeResource {

    private final IntakeReceiver receiver;

    IntakeResource(IntakeReceiver receiver) {
        this.receiver = receiver;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a helpdesk's call",
            description = "Reads the helpdesk's JSON as the intake says (Zendesk ticket events, or JSON Pointers), "
                    + "and stores the contact it describes exactly like `POST /api/v1/contacts` would (idempotent "
                    + "on source + externalId, same validation, version resolution and metrics). zendesk: signed "
                    + "with `X-Zendesk-Webhook-Signature` = base64 HMAC-SHA256 of the "
                    + "`X-Zendesk-Webhook-Signature-Timestamp` value followed by the body, the timestamp within 5 "
                    + "minutes; mapping: `X-Radar-Signature: sha256=<hex HMAC-SHA256 of the body>`. Events that are "
                    + "no contact (other event types, agents' comments) are answered with nothing accepted.")
    @RequestBody(required = true, description = "The helpdesk's own JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "202", description = "Received: 1 accepted, or 1 duplicate, or neither for an event "
            + "that is no contact", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntakeReceipt.class)))
    @APIResponse(responseCode = "400", description = "Not JSON, or the payload lacks a field a contact needs or has "
            + "an invalid one (see `errors`); nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Signature missing or wrong, or Zendesk timestamp more than 5 "
            + "minutes off; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No intake for this source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than radar.intake.max-body-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "This source called more often than the ingest rate limit "
            + "allows; retry after `Retry-After` seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(
            @PathParam("source") @Parameter(description = "The intake's source, as configured with PUT "
                    + "/api/v1/intake/{source}") @Schema(example = "zendesk") String source,
            @HeaderParam(IntakeSignatures.ZENDESK_SIGNATURE) @Parameter(description = "zendesk format")
            String zendeskSignature,
            @HeaderParam(IntakeSignatures.ZENDESK_TIMESTAMP) @Parameter(description = "zendesk format")
            String zendeskTimestamp,
            @HeaderParam(IntakeSignatures.RADAR_SIGNATURE) @Parameter(description = "mapping format: "
                    + "sha256=<hex HMAC-SHA256 of the body>") String radarSignature,
            InputStream body) {
        IntakeSource intake = receiver.intake(source);
        try {
            IntakeReceipt receipt = receiver.receive(intake,
                    new IntakeReceiver.Signature(zendeskSignature, zendeskTimestamp, radarSignature), body);
            return Response.accepted(receipt).type(MediaType.APPLICATION_JSON).build();
        } catch (IntakeReceiver.Unauthenticated e) {
            return ProblemMapper.respond(new Problem("about:blank", "Unauthorized", 401,
                    e.getMessage() + " Nothing was stored.", null));
        }
    }
}

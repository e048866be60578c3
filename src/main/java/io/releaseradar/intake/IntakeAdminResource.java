package io.releaseradar.intake;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Connecting helpdesks to the intake: which JSON each one sends and the secret it signs with. */
@Path("/api/v1/intake/{source}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Helpdesk intake")
@SecurityRequirement(name = "bearer")
public class IntakeAdminResource {

    private static final String EXAMPLE = """
            {"format":"mapping","secret":"a-long-random-secret-shared-with-the-helpdesk","product":"notes",
             "mapping":{"externalId":"/freshdesk_webhook/ticket_id","subject":"/freshdesk_webhook/ticket_subject",
                        "channel":"/freshdesk_webhook/ticket_source"},
             "channels":{"Email":"email","Portal":"web","Phone":"phone","Chat":"chat"}}""";
    private static final String SOURCE = "The helpdesk's name, used as the contacts' source and in the intake URL: "
            + "1-64 letters, digits and . _ -";

    private final IntakeService service;
    private final ObjectMapper json;

    IntakeAdminResource(IntakeService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Connect a helpdesk, or change how it is read",
            description = "From now on `POST /intake/{source}` accepts this helpdesk's calls signed with `secret`. "
                    + "The PUT replaces the whole intake: send `secret` every time, since GET never shows it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IntakeRequest.class),
            examples = @ExampleObject(name = "Freshdesk through pointers", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The intake was created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntakeView.class)))
    @APIResponse(responseCode = "200", description = "The intake existed and was replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntakeView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown fields, malformed pointers or "
            + "invalid fields (see `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("source") @Parameter(description = SOURCE) @Schema(example = "freshdesk")
            String source, InputStream body) {
        IntakeService.Saved saved = service.save(source, JsonBody.readObject(json, body,
                "send one intake as a JSON object."));
        return Response.status(saved.created() ? 201 : 200).entity(saved.intake()).build();
    }

    @GET
    @Operation(summary = "Read an intake", description = "How the helpdesk's JSON is read. The secret is never shown.")
    @APIResponse(responseCode = "200", description = "The intake",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntakeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No intake for this source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IntakeView get(@PathParam("source") @Parameter(description = SOURCE) @Schema(example = "freshdesk")
            String source) {
        return service.get(source);
    }

    @DELETE
    @Operation(summary = "Disconnect a helpdesk", description = "Its further calls get 404; its contacts stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Invalid source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No intake for this source",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("source") @Parameter(description = SOURCE) @Schema(example = "freshdesk")
            String source) {
        service.delete(source);
    }
}

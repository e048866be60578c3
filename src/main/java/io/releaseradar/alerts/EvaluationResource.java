package io.releaseradar.alerts;

import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs detection on demand, exactly as the scheduler does, and answers with the alerts it opened and updated. Here in
 * alerts rather than in detection because the answer is alerts: detection only publishes its evaluations.
 */
@Path("/api/v1/detection")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Detection")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "Missing or invalid asOf",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EvaluationResource {

    private final EvaluationAlerts evaluations;

    EvaluationResource(EvaluationAlerts evaluations) {
        this.evaluations = evaluations;
    }

    /** Body of an evaluation request. */
    @Schema(name = "EvaluateRequest")
    public record EvaluateRequest(
            @NotNull @Schema(required = true, example = "2026-03-05T12:00:00Z") Instant asOf) {
    }

    @POST
    @Path("/evaluate")
    @Operation(summary = "Evaluate every product as of an instant",
            description = "Runs the evaluation the scheduler runs every 30 s by default, as of asOf, with all its effects: "
                    + "alerts opened or updated, subscribers notified. Only data with event time up to asOf is "
                    + "read (the hour of asOf up to asOf, from its contacts), so the same asOf gives the same result; a second call changes "
                    + "nothing. A product is never evaluated twice at the same time: this call waits for an "
                    + "evaluation of it running elsewhere.")
    @APIResponse(responseCode = "200", description = "What the evaluation opened and updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EvaluationReport.class)))
    public EvaluationReport evaluate(
            @NotNull(message = "a JSON body with asOf is required") @Valid EvaluateRequest body) {
        return evaluations.evaluate(body.asOf());
    }
}

package io.releaseradar.detection;

import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backtests: how detection would have behaved over a stored period. */
@Path("/api/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RELEASE_MANAGER, Roles.ADMIN})
@Tag(name = "Backtests")
@SecurityRequirement(name = "bearer")
public class BacktestResource {

    private final BacktestService backtests;

    BacktestResource(BacktestService backtests) {
        this.backtests = backtests;
    }

    /** Body of a backtest request. */
    @Schema(name = "BacktestRequest")
    public record BacktestRequest(
            @NotNull @Pattern(regexp = Keys.PRODUCT_REGEX, message = Keys.PRODUCT_MESSAGE)
            @Schema(required = true, example = "notes") String product,
            @NotNull @Schema(required = true, example = "2026-03-01T00:00:00Z") Instant from,
            @NotNull @Schema(required = true, example = "2026-03-15T00:00:00Z") Instant to,
            @NotNull @Schema(required = true, example = "PT1H", description = "ISO-8601 duration between "
                    + "evaluations; at most 5,000 evaluations per backtest") String step) {
    }

    @POST
    @Operation(summary = "Backtest detection over a stored period",
            description = "Evaluates the product at every step from `from` to `to` (inclusive) over the stored "
                    + "data, as if live: each step reads only data with event time up to that step, and alerts "
                    + "follow the live lifecycle (one per version, updated when evidence grows). Nothing is "
                    + "stored and nothing is sent. Answers the alerts that would have opened, with when.")
    @APIResponse(responseCode = "200", description = "The evaluations run and the alerts they would have opened",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BacktestService.Result.class)))
    @APIResponse(responseCode = "400", description = "Invalid period or step, or more than 5,000 steps",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BacktestService.Result run(
            @NotNull(message = "a JSON body with product, from, to and step is required") @Valid BacktestRequest body) {
        Duration step;
        try {
            step = Duration.parse(body.step());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("step is not an ISO-8601 duration.",
                    List.of(new Problem.FieldError("step", "must be an ISO-8601 duration such as PT1H")));
        }
        return backtests.run(body.product(), body.from(), body.to(), step);
    }
}

package io.releaseradar.releases;

import io.releaseradar.detection.core.VersionHealth;
import io.releaseradar.platform.Instants;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The release catalogue over HTTP. */
@Path("/api/v1/products/{product}/releases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RELEASE_MANAGER, Roles.ADMIN})
@Tag(name = "Releases")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "Invalid product key, version or body",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReleaseResource {

    private final ReleaseCatalog catalog;
    private final ReleaseHealth health;
    private final ManagedExecutor workers;

    ReleaseResource(ReleaseCatalog catalog, ReleaseHealth health, ManagedExecutor workers) {
        this.catalog = catalog;
        this.health = health;
        this.workers = workers;
    }

    /** Body of a release PUT. */
    @Schema(name = "ReleaseRequest")
    public record ReleaseRequest(
            @NotNull @Schema(required = true, example = "2026-03-01T09:00:00Z") Instant releasedAt,
            @Pattern(regexp = Keys.VERSION_REGEX, message = Keys.VERSION_MESSAGE)
            @Schema(nullable = true, example = "2.3.2") String previousVersion) {
    }

    @PUT
    @Path("/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a release",
            description = "Creates or updates a version of a product: when it was released and which version it "
                    + "replaces. Detection compares a version with its predecessor at the same age, so name it. "
                    + "Sending the same release again is safe.")
    @APIResponse(responseCode = "201", description = "The release was created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReleaseView.class)))
    @APIResponse(responseCode = "200", description = "The release existed and was updated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReleaseView.class)))
    public Response put(
            @PathParam("product") @Pattern(regexp = Keys.PRODUCT_REGEX, message = Keys.PRODUCT_MESSAGE)
            @Schema(example = "notes") String product,
            @PathParam("version") @Pattern(regexp = Keys.VERSION_REGEX, message = Keys.VERSION_MESSAGE)
            @Schema(example = "2.4.0") String version,
            @NotNull(message = "a JSON body with releasedAt is required") @Valid ReleaseRequest body) {
        ReleaseCatalog.Saved saved = catalog.save(product, version, body.releasedAt(), body.previousVersion());
        return Response.status(saved.created() ? 201 : 200).entity(saved.release()).build();
    }

    @GET
    @Operation(summary = "List a product's releases",
            description = "All recorded versions of the product, newest release first, each with its health.")
    @APIResponse(responseCode = "200", description = "The releases",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReleaseView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ReleaseView> list(
            @PathParam("product") @Pattern(regexp = Keys.PRODUCT_REGEX, message = Keys.PRODUCT_MESSAGE)
            @Schema(example = "notes") String product) {
        Map<String, VersionHealth> latest = health.latest(product);
        return catalog.list(product).stream().map(r -> r.withHealth(latest.get(r.version()))).toList();
    }

    @GET
    @Path("/{version}/health")
    @Operation(summary = "A version's health",
            description = "Whether customers of this version contact support more than the other versions' "
                    + "customers, per 1,000 active installs per day over the last 24 h, with the strongest signals. "
                    + "Without asOf: as of the latest evaluation (the scheduler runs every 30 s by default). With asOf: "
                    + "computed from the data with event time up to that instant, as it would have looked then. "
                    + "`enoughData` is false while the version has too few active installs to judge: its status "
                    + "then says nothing yet.")
    @APIResponse(responseCode = "200", description = "The health",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VersionHealth.class)))
    @APIResponse(responseCode = "404", description = "No such release",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> health(
            @PathParam("product") @Pattern(regexp = Keys.PRODUCT_REGEX, message = Keys.PRODUCT_MESSAGE)
            @Schema(example = "notes") String product,
            @PathParam("version") @Pattern(regexp = Keys.VERSION_REGEX, message = Keys.VERSION_MESSAGE)
            @Schema(example = "2.4.0") String version,
            @QueryParam("asOf") @Parameter(description = "ISO-8601 instant; default: the latest evaluation",
                    example = "2026-03-05T12:00:00Z") String asOf) {
        Instant at = asOf == null ? null : Instants.parseParam("asOf", asOf);
        byte[] held = at == null ? health.heldLatestJson(product, version) : null;
        if (held != null) {
            // the hot path (pollers, dashboards): from memory, on the I/O thread, without a hop to a worker, as JSON
            // written when the health was stored (serialising it per request was a tenth of the request's time)
            return Uni.createFrom().item(Response.ok(held, MediaType.APPLICATION_JSON_TYPE).build());
        }
        // as of an instant, or not in memory yet: reads the database, so on a worker with the request's context
        return Uni.createFrom().item(() -> Response.ok(health.health(product, version, at)).build())
                .runSubscriptionOn(workers);
    }
}

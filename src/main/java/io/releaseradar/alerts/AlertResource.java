package io.releaseradar.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.alerts.AlertView.Status;
import io.releaseradar.platform.JsonBody;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
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

/** Alerts for support leads: list, read, acknowledge, resolve, dismiss. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPPORT_LEAD, Roles.ADMIN})
@Tag(name = "Alerts")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "A malformed id (not a UUID), filter or body (see `errors`)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlertResource {

    static final String EXAMPLE = """
            {"id":"3f1c2a9e-8d4b-4c47-9a51-0b6f7e2d1c88","product":"notes","version":"2.4.0","severity":"HIGH",
             "status":"OPEN","openedAt":"2026-03-03T15:00:00Z","updatedAt":"2026-03-03T17:00:00Z",
             "summary":"notes 2.4.0: \\"lost notes\\" from 41 customers in 24 h, 6.1x the other versions (1.2% of its installs)",
             "signals":[{"symptom":"lost note","window":"PT24H","observed":41,"expected":6.72,"rateRatio":6.1,
                         "score":14.2,"baseline":"OTHER_VERSIONS"}],
             "sampleContacts":[{"source":"zendesk","externalId":"ZD-881234","receivedAt":"2026-03-03T14:05:00Z",
                                "subject":"Notes vanished after the update"}],
             "regressed":false,"reason":null}""";
    private static final String CONFLICT = "The alert's status does not allow this, e.g. resolving a dismissed alert";
    private static final String ID_DESCRIPTION = "The alert's id, a UUID";
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_REASON_BYTES = 2000;

    private final AlertService alerts;
    private final ObjectMapper json;
    private final InstantSource clock;

    AlertResource(AlertService alerts, ObjectMapper json, InstantSource clock) {
        this.alerts = alerts;
        this.json = json;
        this.clock = clock;
    }

    /** Body of acknowledge, resolve and dismiss. */
    @Schema(name = "AlertActionRequest")
    public record ActionRequest(
            @Schema(nullable = true, maxLength = MAX_REASON_BYTES, example = "Known sync bug, fix ships in 2.4.1",
                    description = "Why; required to dismiss, optional otherwise") String reason) {
    }

    @GET
    @Operation(summary = "List alerts",
            description = "Alerts newest first (by when they opened), optionally filtered. At most one alert per "
                    + "product and version is active (OPEN or ACKNOWLEDGED) at a time; resolved and dismissed ones "
                    + "stay listed as history.")
    @APIResponse(responseCode = "200", description = "The alerts, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertView.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "one open alert", value = "[" + EXAMPLE + "]")))
    public List<AlertView> list(
            @QueryParam("product") @Parameter(description = "Only alerts of this product", example = "notes")
            String product,
            @QueryParam("version") @Parameter(description = "Only alerts of this version. Send it empty "
                    + "(`version=`) for product-wide alerts only (those with version null); leave it out for all.",
                    example = "2.4.0") String version,
            @QueryParam("status") @Parameter(description = "Only alerts in this status",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED", "DISMISSED"}))
            String status,
            @Context UriInfo uri) {
        // Quarkus REST passes `version=` as null, like an absent parameter; the query itself tells them apart.
        if (version == null && uri.getQueryParameters().containsKey("version")) {
            version = "";
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (product != null && !Keys.isProduct(product)) {
            errors.add(new Problem.FieldError("product", Keys.PRODUCT_MESSAGE));
        }
        if (version != null && !version.isEmpty() && !Keys.isVersion(version)) {
            errors.add(new Problem.FieldError("version", Keys.VERSION_MESSAGE + ", or empty for product-wide"));
        }
        Status wanted = null;
        if (status != null) {
            try {
                wanted = Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("status", "must be one of " + Arrays.toString(Status.values())));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The query has invalid parameters.", errors);
        }
        return alerts.list(product, version, wanted);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an alert", description = "One alert with its evidence and sample contacts.")
    @APIResponse(responseCode = "200", description = "The alert",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertView.class),
                    examples = @ExampleObject(name = "an open alert", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No alert has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView get(@PathParam("id") @Parameter(description = ID_DESCRIPTION) String id) {
        return alerts.get(uuid(id));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an alert",
            description = "Someone is looking into an OPEN alert. Later, stronger evidence still updates it. "
                    + "Acknowledging it again changes nothing. The body and its reason are optional.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "with a reason", value = "{\"reason\":\"Sync team is on it\"}")))
    @APIResponse(responseCode = "200", description = "The alert, now ACKNOWLEDGED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No alert has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView acknowledge(@PathParam("id") @Parameter(description = ID_DESCRIPTION) String id,
            InputStream body) {
        return alerts.acknowledge(uuid(id), reason(body, false), now());
    }

    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve an alert",
            description = "The problem behind an OPEN or ACKNOWLEDGED alert is fixed. If its symptom returns "
                    + "(evidence gathered after the resolution), a new alert opens with `regressed: true`. A "
                    + "dismissed alert cannot be resolved (409). The body and its reason are optional.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "with a reason", value = "{\"reason\":\"Fixed in 2.4.1\"}")))
    @APIResponse(responseCode = "200", description = "The alert, now RESOLVED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No alert has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView resolve(@PathParam("id") @Parameter(description = ID_DESCRIPTION) String id,
            InputStream body) {
        return alerts.resolve(uuid(id), reason(body, false), now());
    }

    @POST
    @Path("/{id}/dismiss")
    @Operation(summary = "Dismiss an alert",
            description = "An OPEN or ACKNOWLEDGED alert is not a real problem (say why in `reason`, required). "
                    + "The same evidence will not open it again; only clearly stronger evidence (twice the score, "
                    + "or a higher severity) opens a new alert. A resolved alert cannot be dismissed (409).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class),
            examples = @ExampleObject(name = "a reason", value = "{\"reason\":\"Marketing mail-out, not a bug\"}")))
    @APIResponse(responseCode = "200", description = "The alert, now DISMISSED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AlertView.class)))
    @APIResponse(responseCode = "404", description = "No alert has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = CONFLICT,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView dismiss(@PathParam("id") @Parameter(description = ID_DESCRIPTION) String id,
            InputStream body) {
        return alerts.dismiss(uuid(id), reason(body, true), now());
    }

    private java.time.Instant now() {
        // PostgreSQL keeps microseconds; what we answer equals what we store.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static UUID uuid(String id) {
        if (id == null || !UUID_SHAPE.matcher(id).matches()) {
            throw ProblemException.invalid("The alert id must be a UUID.",
                    List.of(new Problem.FieldError("id", "must be a UUID such as 3f1c2a9e-8d4b-4c47-9a51-0b6f7e2d1c88")));
        }
        return UUID.fromString(id);
    }

    // An absent or empty body means no reason; anything else must be a JSON object.
    private String reason(InputStream body, boolean required) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readAllBytes();
        } catch (IOException e) {
            throw ProblemException.unreadable("The body could not be read.");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            if (required) {
                throw ProblemException.invalid("Say why the alert is dismissed.",
                        List.of(new Problem.FieldError("reason", "is required")));
            }
            return null;
        }
        JsonNode node = JsonBody.readObject(json, new ByteArrayInputStream(bytes),
                "send {\"reason\": \"...\"}.");
        JsonItem item = JsonItem.of(node);
        String reason = item.string("reason", required, MAX_REASON_BYTES);
        if (!item.valid()) {
            throw ProblemException.invalid("The body has invalid fields.", item.errors());
        }
        return reason;
    }
}

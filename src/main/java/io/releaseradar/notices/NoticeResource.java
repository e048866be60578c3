package io.releaseradar.notices;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.releaseradar.platform.Instants;
import io.releaseradar.platform.JsonBody;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Customer notices over HTTP: draft, preview, approve, cancel, follow. */
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RELEASE_MANAGER, Roles.ADMIN})
@Tag(name = "Notices")
@SecurityRequirement(name = "bearer")
public class NoticeResource {

    private static final String ID = "The notice's id";

    private final NoticeService notices;
    private final ContactsAvoidedService avoided;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    NoticeResource(NoticeService notices, ContactsAvoidedService avoided, SecurityIdentity identity,
            ObjectMapper json) {
        this.notices = notices;
        this.avoided = avoided;
        this.identity = identity;
        this.json = json;
    }

    /** The created draft: the contract's fields plus its audience broken down. */
    @Schema(name = "CreatedNotice")
    public record CreatedNotice(UUID id, NoticeView.Status status, int audienceSize, Breakdown breakdown,
            NoticeView notice) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a notice", description = "A DRAFT with its audience as of now: INSTALLED (customers "
            + "running the version), NOT_YET_UPGRADED (customers on an earlier version), ALL. `audienceSize` counts "
            + "those who would be mailed; opted-out customers, customers without an address, customers already in "
            + "touch about the alert's symptom and customers under the frequency cap are left out (`breakdown`).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NoticeRequest.class)))
    @APIResponse(responseCode = "201", description = "The draft", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedNotice.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields (see `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(InputStream body) {
        NoticeRequest request = NoticeRequest.parse(JsonBody.readObject(json, body,
                "send one notice as a JSON object."));
        NoticeService.Created created = notices.create(request, actor());
        NoticeView n = created.notice();
        return Response.status(201).entity(new CreatedNotice(n.id(), n.status(), n.audienceSize(),
                created.breakdown(), n)).build();
    }

    @GET
    @Operation(summary = "List notices", description = "Newest first, by product and version when given.")
    @APIResponse(responseCode = "200", description = "The notices", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeView.class,
            type = SchemaType.ARRAY)))
    public List<NoticeView> list(@QueryParam("product") String product, @QueryParam("version") String version) {
        if (product != null && !Keys.isProduct(product)) {
            throw ProblemException.invalid("Invalid filter.", List.of(new Problem.FieldError("product",
                    Keys.PRODUCT_MESSAGE)));
        }
        if (version != null && !Keys.isVersion(version)) {
            throw ProblemException.invalid("Invalid filter.", List.of(new Problem.FieldError("version",
                    Keys.VERSION_MESSAGE)));
        }
        return notices.list(product, version);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a notice", description = "Its status, delivery counts and audit trail.")
    @APIResponse(responseCode = "200", description = "The notice", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "404", description = "No such notice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticeView get(@PathParam("id") @Parameter(description = ID) String id) {
        return notices.get(uuid(id));
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a notice", description = "Writes one delivery per customer of the audience as of "
            + "now and starts sending (`SENDING`, then `SENT`). Approving again returns the notice unchanged; each "
            + "customer gets it at most once.")
    @APIResponse(responseCode = "200", description = "The notice", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "404", description = "No such notice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The notice was cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticeView approve(@PathParam("id") @Parameter(description = ID) String id) {
        return notices.approve(uuid(id), actor());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a notice", description = "Deliveries not yet handed to the mail server are not "
            + "sent. Cancelling again returns the notice unchanged.")
    @APIResponse(responseCode = "200", description = "The notice", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticeView.class)))
    @APIResponse(responseCode = "404", description = "No such notice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The notice was sent already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticeView cancel(@PathParam("id") @Parameter(description = ID) String id) {
        return notices.cancel(uuid(id), actor());
    }

    @GET
    @Path("/{id}/preview")
    @Operation(summary = "Preview a notice", description = "The audience broken down (running the version / not "
            + "yet upgraded / left out and why), the e-mail as `customerId`, or the first customer mailed, gets "
            + "it, and `languages`: the default text and each translation with how many customers get it and one "
            + "rendered mail.")
    @APIResponse(responseCode = "200", description = "The preview", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticePreview.class)))
    @APIResponse(responseCode = "404", description = "No such notice, or the customer is not in its audience",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticePreview preview(@PathParam("id") @Parameter(description = ID) String id,
            @QueryParam("customerId") String customerId) {
        return notices.preview(uuid(id), customerId);
    }

    @GET
    @Path("/{id}/contacts-avoided")
    @Operation(summary = "Contacts avoided", description = "After sending: how many notified customers contacted "
            + "support about the alert's symptom on the version since, against the version's customers who were "
            + "not notified.")
    @APIResponse(responseCode = "200", description = "The comparison", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactsAvoided.class)))
    @APIResponse(responseCode = "404", description = "No such notice",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The notice is not approved yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ContactsAvoided contactsAvoided(@PathParam("id") @Parameter(description = ID) String id,
            @QueryParam("asOf") @Parameter(description = "Count contacts received before this instant (default: "
                    + "now)") String asOf) {
        return avoided.of(uuid(id), asOf == null ? null : Instants.parseParam("asOf", asOf));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No notice has id " + id + ".");
        }
    }
}

package io.releaseradar.notices;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.releaseradar.platform.JsonBody;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A product's auto-notice policy over HTTP. */
@Path("/api/v1/products/{product}/notice-policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RELEASE_MANAGER, Roles.ADMIN})
@Tag(name = "Notices")
@SecurityRequirement(name = "bearer")
public class NoticePolicyResource {

    private final NoticePolicies policies;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    NoticePolicyResource(NoticePolicies policies, SecurityIdentity identity, ObjectMapper json) {
        this.policies = policies;
        this.identity = identity;
        this.json = json;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the product's notice policy", description = "With `autoSend`, an alert of a version "
            + "of the product that opens at `minSeverity` or above, or rises to it, creates and approves a notice "
            + "by itself (once per alert), with `subject`, `body` and `translations` as templates: {product} "
            + "{version} {symptom} {fixVersion} are the alert's, {name} {installedVersion} the customer's; the "
            + "alert's summary is for support staff, never a placeholder. The alert records the notice "
            + "(`autoNoticeId`).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NoticePolicy.class)))
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticePolicy.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields (see `errors`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown product",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticePolicy put(@PathParam("product") String product, InputStream body) {
        checkProduct(product);
        NoticePolicy policy = NoticePolicy.parse(JsonBody.readObject(json, body,
                "send the policy as a JSON object."));
        return policies.save(product, policy, identity.getPrincipal().getName());
    }

    @GET
    @Operation(summary = "Read the product's notice policy")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoticePolicy.class)))
    @APIResponse(responseCode = "404", description = "The product has no policy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public NoticePolicy get(@PathParam("product") String product) {
        checkProduct(product);
        return policies.get(product);
    }

    private static void checkProduct(String product) {
        if (!Keys.isProduct(product)) {
            throw ProblemException.invalid("The product key is invalid.",
                    List.of(new Problem.FieldError("product", Keys.PRODUCT_MESSAGE)));
        }
    }
}

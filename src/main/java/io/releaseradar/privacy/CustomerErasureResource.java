package io.releaseradar.privacy;

import io.quarkus.security.identity.SecurityIdentity;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The right to erasure: an operator removes one customer's personal data. At {@code /api/v1} like the install-base
 * feed, so that the two share the path prefix and {@code POST /customers/batch} still matches there.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Install base")
@SecurityRequirement(name = "bearer")
public class CustomerErasureResource {

    private final CustomerErasureService service;
    private final SecurityIdentity identity;

    CustomerErasureResource(CustomerErasureService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @DELETE
    @Path("/customers/{id}")
    @Operation(summary = "Erase a customer's personal data",
            description = "Removes the customer's name, e-mail address, locale and unsubscribe record, the subject "
                    + "and body of every support contact of theirs, and those texts where alerts quote them; "
                    + "notices not yet sent to them are cancelled, and they are never mailed again. What is counted "
                    + "stays: their contacts and installations still count in rollups, health and detection history, "
                    + "under the customer id, which is kept as a pseudonymous key. A contact sent again with the "
                    + "same source and externalId is still a duplicate, and the install-base feed cannot bring the "
                    + "customer's data back (such items are rejected). Repeating the call answers 204 again and "
                    + "erases whatever arrived for the customer since.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "No customer has this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void erase(@PathParam("id") String id) {
        service.erase(id, identity.getPrincipal().getName());
    }
}

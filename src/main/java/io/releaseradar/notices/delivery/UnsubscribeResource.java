package io.releaseradar.notices.delivery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.installbase.CustomerDirectory;
import io.releaseradar.notices.NoticesConfig;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The unsubscribe link of notice e-mails: no login, the signed token is the proof. GET is the link a person clicks;
 * POST is RFC 8058's one-click unsubscribe that mail clients send (body {@code List-Unsubscribe=One-Click}). Both
 * opt the customer out for good; doing it again changes nothing.
 */
@Path("/unsubscribe")
@PermitAll
@Tag(name = "Notices")
public class UnsubscribeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance unsubscribed();
    }

    private final CustomerDirectory customers;
    private final UnsubscribeTokens tokens;
    private final InstantSource clock;

    UnsubscribeResource(CustomerDirectory customers, NoticesConfig config, InstantSource clock) {
        this.customers = customers;
        this.tokens = new UnsubscribeTokens(config.unsubscribeSecret());
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe (link)", description = "Opts the customer of the token out of notices and "
            + "shows a confirmation page.")
    @APIResponse(responseCode = "200", description = "Unsubscribed", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "400", description = "Missing or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TemplateInstance page(@QueryParam("token") @Parameter(description = "The token from the e-mail")
            String token) {
        unsubscribe(token);
        return Templates.unsubscribed();
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Unsubscribe (one click)", description = "RFC 8058 one-click unsubscribe: opts the customer "
            + "of the token out of notices. The body (`List-Unsubscribe=One-Click`) is not needed.")
    @APIResponse(responseCode = "200", description = "Unsubscribed", content = @Content(mediaType = "text/plain"))
    @APIResponse(responseCode = "400", description = "Missing or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String oneClick(@QueryParam("token") @Parameter(description = "The token from the e-mail")
            String token) {
        unsubscribe(token);
        return "Unsubscribed.\n";
    }

    private void unsubscribe(String token) {
        String customerId = tokens.customerOf(token).orElseThrow(() -> ProblemException.invalid(
                "The unsubscribe link is incomplete or was changed; use the link from the e-mail as it is.",
                List.of(new Problem.FieldError("token", "is not a valid unsubscribe token"))));
        // An unknown customer (erased since) gets no mail anyway: the answer is the same.
        customers.unsubscribe(customerId, clock.instant());
    }
}

package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.platform.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing in and out of the dashboard: with the company's OpenID Connect provider ({@link OidcSignIn}), or, in the
 * demo, dev and test profiles only, by picking a role (dev sign-in).
 */
@Path("/dashboard")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    static final List<String> DEV_ROLES = List.of(Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD, Roles.ADMIN);

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance signIn(String next, boolean devSignIn, List<String> roles, boolean oidc,
                String message);
    }

    private final DashboardAccess access;
    private final DashboardConfig config;
    private final OidcSignIn oidc;
    private final String issuer;
    private final String audience;

    SignInResource(DashboardAccess access, DashboardConfig config, OidcSignIn oidc,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
        this.access = access;
        this.config = config;
        this.oidc = oidc;
        this.issuer = issuer;
        this.audience = audiences.get(0);
    }

    @GET
    @Path("/sign-in")
    public Response page(@QueryParam("next") String next) {
        if (access.current() != null) {
            return Response.seeOther(URI.create(DashboardAccess.safeNext(next))).build();
        }
        return page(next, null, 200);
    }

    @POST
    @Path("/sign-in/dev")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response devSignIn(@FormParam("role") String role, @FormParam("next") String next) {
        if (!config.devSignIn()) {
            return page(next, "The dev sign-in is off here: sign in with your company account.", 404);
        }
        access.checkOrigin();
        if (role == null || !DEV_ROLES.contains(role)) {
            return page(next, "Pick one of the roles listed.", 400);
        }
        String token = Jwt.issuer(issuer).audience(audience).upn("dev-" + role).groups(Set.of(role))
                .expiresIn(config.sessionLength()).sign();
        return Response.seeOther(URI.create(DashboardAccess.safeNext(next))).cookie(access.session(token)).build();
    }

    @GET
    @Path("/sign-in/oidc")
    public Response oidcStart(@QueryParam("next") String next) {
        if (!oidc.enabled()) {
            return page(next, "Sign-in with a company account is not configured here.", 404);
        }
        return oidc.start(DashboardAccess.safeNext(next));
    }

    @GET
    @Path("/sign-in/callback")
    public Response oidcCallback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error) {
        if (!oidc.enabled()) {
            return page(null, "Sign-in with a company account is not configured here.", 404);
        }
        OidcSignIn.Outcome outcome = oidc.finish(code, state, error);
        if (outcome.token() == null) {
            return Response.status(outcome.status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.signIn("/dashboard", config.devSignIn(), DEV_ROLES, true, outcome.message())
                            .render())
                    .cookie(oidc.clearState()).build();
        }
        return Response.seeOther(URI.create(outcome.next()))
                .cookie(access.session(outcome.token(), outcome.maxAgeSeconds()), oidc.clearState()).build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf) {
        Viewer viewer = access.current();
        if (viewer != null) {
            access.checkForm(viewer, csrf);
        }
        return Response.seeOther(URI.create("/dashboard/sign-in")).cookie(access.expired()).build();
    }

    private Response page(String next, String message, int status) {
        return Pages.html(status, Templates.signIn(DashboardAccess.safeNext(next), config.devSignIn(), DEV_ROLES,
                oidc.enabled(), message));
    }
}

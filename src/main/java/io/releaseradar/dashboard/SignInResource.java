package io.releaseradar.dashboard;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
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
 * Signing in and out of the dashboard: with the company's OpenID Connect provider (quarkus-oidc's {@code dashboard}
 * tenant, see {@link CompanySignInToggle}), or, in the demo, dev and test profiles only, by picking a role (dev
 * sign-in).
 */
@Path("/dashboard")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    static final List<String> DEV_ROLES = List.of(Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD, Roles.ADMIN);
    static final String OIDC_SIGN_OUT = "/dashboard/sign-out/oidc";

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance signIn(String next, boolean devSignIn, List<String> roles, boolean oidc,
                String message);
    }

    private final DashboardAccess access;
    private final DashboardConfig config;
    private final SecurityIdentity identity;
    private final boolean devSignIn;
    private final boolean companySignIn;
    private final String issuer;
    private final String audience;

    SignInResource(DashboardAccess access, DashboardConfig config, SecurityIdentity identity,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences) {
        this.access = access;
        this.config = config;
        this.identity = identity;
        this.devSignIn = DevSessionAuthentication.enabled(config);
        this.companySignIn = config.oidc().authServerUrl().filter(u -> !u.isBlank()).isPresent();
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
        if (!devSignIn) {
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

    /**
     * Company sign-in. quarkus-oidc requires a signed-in user here (CompanySignInToggle): a browser without a session
     * is sent to the provider first and comes back to this address once signed in, which then goes on to {@code next}.
     */
    @GET
    @Path("/sign-in/oidc")
    public Response oidcStart(@QueryParam("next") String next) {
        if (!companySignIn) {
            return page(next, "Sign-in with a company account is not configured here.", 404);
        }
        if (access.current() == null) {
            return page(next, "The identity provider did not sign you in; please try again.", 401);
        }
        return Response.seeOther(URI.create(DashboardAccess.safeNext(next))).build();
    }

    /** Where the provider sends the browser back; quarkus-oidc finishes the sign-in before this answers. */
    @GET
    @Path("/sign-in/callback")
    public Response oidcCallback() {
        if (!companySignIn) {
            return page(null, "Sign-in with a company account is not configured here.", 404);
        }
        return Response.seeOther(URI.create("/dashboard")).build();
    }

    /** Where quarkus-oidc sends the browser when the provider answered the sign-in with an error. */
    @GET
    @Path("/sign-in/failed")
    public Response oidcFailed(@QueryParam("error") String error) {
        String reason = error != null && error.matches("[a-z_]{1,40}") ? " (" + error + ")" : "";
        return page(null, "The identity provider did not sign you in" + reason + "; please try again.", 401);
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf) {
        Viewer viewer = access.current();
        if (viewer != null) {
            access.checkForm(viewer, csrf);
        }
        boolean company = viewer != null && identity.getCredential(IdTokenCredential.class) != null;
        // A company session ends at the provider too (RP-initiated logout, which quarkus-oidc runs at that address).
        return Response.seeOther(URI.create(company ? OIDC_SIGN_OUT : "/dashboard/sign-in"))
                .cookie(access.expired()).build();
    }

    /** quarkus-oidc's logout path: with a company session it never answers here but sends the browser on to the provider. */
    @GET
    @Path("/sign-out/oidc")
    public Response oidcSignOut() {
        access.current();
        return Response.seeOther(URI.create("/dashboard/sign-in")).build();
    }

    private Response page(String next, String message, int status) {
        return Pages.html(status, Templates.signIn(DashboardAccess.safeNext(next), devSignIn, DEV_ROLES, companySignIn,
                message));
    }
}

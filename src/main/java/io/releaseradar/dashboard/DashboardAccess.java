package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Who may see a dashboard page. The session is quarkus-oidc's encrypted session cookie after a company sign-in, or, in
 * the demo, dev and test profiles, the dev sign-in's token in the {@value #COOKIE} cookie ({@link
 * DevSessionAuthentication}); roles come from the token's {@code groups} either way, as in the API. Without a session
 * the browser is sent to the sign-in page, with the wrong role it gets a 403 page. Forms carry a token derived from
 * the session that another site can neither read nor compute, and POSTs from another origin are refused (CSRF).
 */
@ApplicationScoped
public class DashboardAccess {

    /** The dev sign-in's session cookie where cookies are not Secure (demo, dev, test). HttpOnly, SameSite=Lax. */
    public static final String COOKIE = "radar_session";
    /** The same behind TLS: {@code __Host-} makes browsers refuse it unless Secure, for path /, from this host. */
    public static final String SECURE_COOKIE = "__Host-radar_session";
    /** Relative dashboard paths only: a sign-in never sends anyone to another site. */
    private static final Pattern NEXT = Pattern.compile("/dashboard([/?][A-Za-z0-9._~:@!$&'()*+,;=/?%-]*)?");

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance forbidden(Viewer viewer, String needed);
    }

    private final SecurityIdentity identity;
    private final RoutingContext routing;
    private final DashboardConfig config;
    private final FormTokens formTokens;

    DashboardAccess(SecurityIdentity identity, RoutingContext routing, DashboardConfig config, FormTokens formTokens) {
        this.identity = identity;
        this.routing = routing;
        this.config = config;
        this.formTokens = formTokens;
    }

    /** The dev session cookie's name. */
    static String cookieName(boolean secure) {
        return secure ? SECURE_COOKIE : COOKIE;
    }

    /**
     * The viewer, when signed in with one of {@code roles} (admin always passes).
     *
     * @throws DashboardDenied a redirect to the sign-in page, or a 403 page naming the role needed
     */
    public Viewer require(String... roles) {
        Viewer viewer = current();
        if (viewer == null) {
            String next = routing.request().uri();
            throw new DashboardDenied(Response.seeOther(URI.create("/dashboard/sign-in?next="
                    + URLEncoder.encode(safeNext(next), StandardCharsets.UTF_8)))
                    .cookie(expired()).build());
        }
        if (!viewer.hasAny(roles)) {
            throw new DashboardDenied(Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.forbidden(viewer, String.join(" or ", roles)).render()).build());
        }
        return viewer;
    }

    /** {@link #require} for a form POST: also checks that the form came from this site. */
    public Viewer requireForm(String csrf, String... roles) {
        Viewer viewer = require(roles);
        checkForm(viewer, csrf);
        return viewer;
    }

    /** Refuses a form that did not come from this site's page for this session. */
    void checkForm(Viewer viewer, String csrf) {
        checkOrigin();
        if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                viewer.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new DashboardDenied(Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.forbidden(viewer, "a fresh form (reload the page and try again)").render())
                    .build());
        }
    }

    /** The signed-in viewer, or null. An expired or forged session counts as none. */
    public Viewer current() {
        boolean anonymous;
        try {
            anonymous = identity.isAnonymous();
        } catch (AuthenticationFailedException e) {
            return null;
        }
        if (anonymous) {
            return null;
        }
        io.vertx.core.http.Cookie session = routing.request().getCookie(cookieName(config.secureCookie()));
        return new Viewer(identity.getPrincipal().getName(), identity.getRoles(), formTokens.forSession(identity,
                session != null ? session.getValue() : routing.request().getHeader("Authorization")));
    }

    /** Refuses a POST whose Origin (or, without one, Referer) is another site. */
    void checkOrigin() {
        String origin = routing.request().getHeader("Origin");
        if (origin == null) {
            origin = routing.request().getHeader("Referer");
        }
        if (origin == null || origin.equals("null")) {
            return; // same-origin form posts from old browsers; the form token still guards them
        }
        String self = routing.request().scheme() + "://" + routing.request().authority();
        if (!origin.equals(self) && !origin.startsWith(self + "/")) {
            throw new DashboardDenied(Response.status(403).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("This form was posted from another site.").build());
        }
    }

    /** The dev sign-in's session cookie for a token. */
    NewCookie session(String token) {
        return new NewCookie.Builder(cookieName(config.secureCookie())).value(token).path("/").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX)
                .maxAge((int) config.sessionLength().toSeconds()).build();
    }

    /** A cookie that removes the dev session. */
    NewCookie expired() {
        return new NewCookie.Builder(cookieName(config.secureCookie())).value("").path("/").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    /** A relative dashboard path to go to after signing in; anything else becomes the overview. */
    static String safeNext(String next) {
        return next != null && NEXT.matcher(next).matches() && !next.startsWith("/dashboard/sign-") ? next
                : "/dashboard";
    }
}

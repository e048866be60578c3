package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Who may see a dashboard page. The session is a signed JWT in the {@value #COOKIE} cookie, verified by the same
 * MicroProfile JWT settings as the API's bearer tokens (so the same roles apply); without one the browser is sent
 * to the sign-in page, with the wrong role it gets a 403 page. Forms carry a token derived from the session
 * cookie, which another site cannot read, and POSTs from another origin are refused (CSRF).
 */
@ApplicationScoped
public class DashboardAccess {

    /** The session cookie. HttpOnly, SameSite=Lax, Secure in production. */
    public static final String COOKIE = "radar_session";
    /** Relative dashboard paths only: a sign-in never sends anyone to another site. */
    private static final Pattern NEXT = Pattern.compile("/dashboard([/?][A-Za-z0-9._~:@!$&'()*+,;=/?%-]*)?");

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance forbidden(Viewer viewer, String needed);
    }

    private final SecurityIdentity identity;
    private final RoutingContext routing;
    private final DashboardConfig config;

    DashboardAccess(SecurityIdentity identity, RoutingContext routing, DashboardConfig config) {
        this.identity = identity;
        this.routing = routing;
        this.config = config;
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
        return new Viewer(identity.getPrincipal().getName(), identity.getRoles(), formToken());
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

    /** The session cookie for a token. */
    NewCookie session(String token) {
        return session(token, config.sessionLength().toSeconds());
    }

    /** The session cookie for a token that is valid for {@code seconds} more. */
    NewCookie session(String token, long seconds) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) Math.min(seconds, config.sessionLength().toSeconds()))
                .build();
    }

    /** A cookie that removes the session. */
    NewCookie expired() {
        return new NewCookie.Builder(COOKIE).value("").path("/").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    /** A relative dashboard path to go to after signing in; anything else becomes the overview. */
    static String safeNext(String next) {
        return next != null && NEXT.matcher(next).matches() && !next.startsWith("/dashboard/sign-") ? next
                : "/dashboard";
    }

    // The form token: a digest of the credential this browser sends (the session cookie). Another site can make
    // the browser send the cookie, but can neither read it nor compute this; every replica computes the same.
    private String formToken() {
        Cookie cookie = routing.request().getCookie(COOKIE);
        String credential = cookie != null ? cookie.getValue() : routing.request().getHeader("Authorization");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("release-radar-form\0" + credential).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

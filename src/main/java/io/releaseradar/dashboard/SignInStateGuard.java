package io.releaseradar.dashboard;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The provider's redirect back to the dashboard ({@value CompanySignInToggle#CALLBACK_PATH}) is answered with a 400
 * sign-in page, before quarkus-oidc sees it, when the browser holds no pending sign-in for it: no state cookie, a
 * malformed one, or one for another sign-in (a stale or forged link, a second tab). The state cookie is removed so
 * that the next sign-in starts afresh. quarkus-oidc still checks everything else (the state's encrypted part, PKCE,
 * nonce, the tokens).
 */
@ApplicationScoped
public class SignInStateGuard {

    /** quarkus-oidc's state cookie: the state, then its encrypted extra part (PKCE verifier, nonce, return path). */
    private static final Pattern STATE_COOKIE = Pattern.compile("[A-Za-z0-9_-]{1,200}(\\|[A-Za-z0-9._~-]{0,8000})?");
    private static final String STATE_COOKIE_PREFIX = "q_auth";

    void register(@Observes Filters filters) {
        filters.register(this::check, (SecurityHandlerPriorities.CORS + SecurityHandlerPriorities.AUTHENTICATION) / 2);
    }

    private void check(RoutingContext context) {
        if (!CompanySignInToggle.CALLBACK_PATH.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        Cookie state = null;
        for (Cookie cookie : context.request().cookies()) {
            if (cookie.getName().startsWith(STATE_COOKIE_PREFIX)) {
                state = cookie;
            }
        }
        String expected = context.request().getParam("state");
        String value = state == null ? null : state.getValue();
        if (value != null && expected != null && STATE_COOKIE.matcher(value).matches()
                && value.split("\\|", 2)[0].equals(expected)) {
            context.next();
            return;
        }
        if (state != null) {
            context.response().addCookie(Cookie.cookie(state.getName(), "").setPath("/").setMaxAge(0)
                    .setHttpOnly(true).setSameSite(CookieSameSite.LAX));
        }
        String page = SignInResource.Templates.signIn("/dashboard", false, SignInResource.DEV_ROLES, true,
                "This sign-in link is stale or was not started in this browser: please sign in again.").render();
        context.response().setStatusCode(400).putHeader("Content-Type", "text/html;charset=UTF-8").end(page);
    }
}

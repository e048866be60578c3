package io.releaseradar.dashboard;

import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.releaseradar.platform.DevSigningKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The dev sign-in's session: a token signed with the in-memory dev key, in the dashboard's session cookie, verified like
 * an API token (issuer, audience, expiry, roles from {@code groups}). It authenticates dashboard pages only, and only
 * in the dev, demo and test profiles with the dev sign-in on; the API never reads a cookie.
 */
@ApplicationScoped
public class DevSessionAuthentication implements HttpAuthenticationMechanism {

    private final boolean enabled;
    private final String cookie;

    DevSessionAuthentication(DashboardConfig config) {
        this.enabled = enabled(config);
        this.cookie = DashboardAccess.cookieName(config.secureCookie());
    }

    /** Whether the dev sign-in is on: asked for, in a dev, demo or test profile with no production profile. */
    static boolean enabled(DashboardConfig config) {
        return config.devSignIn() && DevSigningKey.devOnly(ConfigUtils.getProfiles());
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!enabled || !context.normalizedPath().startsWith("/dashboard")) {
            return Uni.createFrom().nullItem();
        }
        Cookie session = context.request().getCookie(cookie);
        if (session == null || session.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request = new TokenAuthenticationRequest(new JsonWebTokenCredential(session.getValue()));
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem(); // the dashboard sends its own sign-in page (DashboardAccess)
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}

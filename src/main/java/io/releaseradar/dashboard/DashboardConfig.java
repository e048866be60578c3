package io.releaseradar.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the web dashboard. */
@ConfigMapping(prefix = "radar.dashboard")
public interface DashboardConfig {

    /**
     * The dev sign-in: pick a role, get a session signed with the committed dev key. On in the demo, dev and test
     * profiles only (there is no signing key elsewhere); never in production.
     */
    @WithDefault("false")
    boolean devSignIn();

    /** How long a dashboard session (its cookie) lasts after signing in. */
    @WithDefault("8h")
    Duration sessionLength();

    /** Whether the session cookie is marked Secure (HTTPS only). True in production, behind TLS. */
    @WithDefault("true")
    boolean secureCookie();

    /** Sign-in with the company's OpenID Connect provider (authorization-code flow); off unless configured. */
    Oidc oidc();

    /** OpenID Connect settings. The provider's tokens must be verifiable with {@code mp.jwt.verify.*}. */
    interface Oidc {

        /** The provider's authorization endpoint, e.g. https://login.example.com/oauth2/authorize; unset: off. */
        Optional<String> authorizationEndpoint();

        /** The provider's token endpoint, where the code is exchanged for tokens. */
        Optional<String> tokenEndpoint();

        /** This service's client id at the provider. */
        Optional<String> clientId();

        /** This service's client secret at the provider (from a Secret). */
        Optional<String> clientSecret();

        /** Scopes asked for; the provider must put the user's roles into the token's {@code groups} claim. */
        @WithDefault("openid profile")
        String scopes();

        /**
         * Where the provider sends the browser back; unset: this request's scheme and host +
         * {@code /dashboard/sign-in/callback}. Set it behind a proxy that rewrites the host.
         */
        Optional<String> redirectUri();

        /** Which token becomes the session: {@code id_token} or {@code access_token}. */
        @WithDefault("id_token")
        String sessionToken();
    }
}

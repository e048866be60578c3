package io.releaseradar.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the web dashboard. */
@ConfigMapping(prefix = "radar.dashboard")
public interface DashboardConfig {

    /**
     * The dev sign-in: pick a role, get a session signed with the in-memory dev key. Honoured in the demo, dev and
     * test profiles only (elsewhere there is no signing key, and a production start with it on is refused).
     */
    @WithDefault("false")
    boolean devSignIn();

    /** How long a dev sign-in session (its cookie) lasts. Company sign-in sessions follow the provider's tokens. */
    @WithDefault("8h")
    Duration sessionLength();

    /**
     * Whether the session cookies are marked Secure (HTTPS only) and the dev session cookie is named
     * {@code __Host-radar_session}. True in production, behind TLS; a production start with it off is refused.
     */
    @WithDefault("true")
    boolean secureCookie();

    /** Sign-in with the company's OpenID Connect provider (quarkus-oidc's web-app tenant); off unless configured. */
    Oidc oidc();

    /** OpenID Connect settings, read by the {@code quarkus.oidc.dashboard.*} keys in application.properties. */
    interface Oidc {

        /**
         * The provider's issuer URL, whose {@code /.well-known/openid-configuration} names its endpoints, e.g.
         * https://login.example.com/realms/support; unset: no company sign-in.
         */
        Optional<String> authServerUrl();

        /** This service's client id at the provider; the ID token's {@code aud} must name it. */
        @WithDefault("release-radar")
        String clientId();

        /** This service's client secret at the provider (from a Secret). */
        Optional<String> clientSecret();

        /**
         * The key that encrypts the session cookie (the provider's tokens) and keys the dashboard's form tokens; the
         * same on every replica, at least 32 characters, from a Secret. Required with company sign-in.
         */
        Optional<String> sessionSecret();

        /** Scopes asked for besides {@code openid}; the provider must put the user's roles into {@code groups}. */
        @WithDefault("profile")
        String scopes();
    }
}

package io.releaseradar.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The OpenID Connect authorization-code flow with PKCE against the company's identity provider. The provider's
 * token (by default the ID token) becomes the dashboard session; it is verified with the same
 * {@code mp.jwt.verify.*} settings as the API's bearer tokens, and its {@code groups} claim carries the roles. The
 * flow's state, PKCE verifier and the page to return to wait in a short-lived HttpOnly cookie, so any replica can
 * finish a sign-in another one started.
 */
@ApplicationScoped
public class OidcSignIn {

    /** Outcome of the callback: a session token, or an error status and message for the sign-in page. */
    public record Outcome(String token, long maxAgeSeconds, String next, int status, String message) {

        static Outcome failed(int status, String message) {
            return new Outcome(null, 0, null, status, message);
        }
    }

    static final String STATE_COOKIE = "radar_oidc";
    private static final Logger LOG = Logger.getLogger(OidcSignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DashboardConfig.Oidc config;
    private final boolean secureCookie;
    private final RoutingContext routing;
    private final JWTParser parser;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OidcSignIn(DashboardConfig config, RoutingContext routing, JWTParser parser, ObjectMapper json,
            InstantSource clock) {
        this.config = config.oidc();
        this.secureCookie = config.secureCookie();
        this.routing = routing;
        this.parser = parser;
        this.json = json;
        this.clock = clock;
    }

    /** Whether a provider is configured. */
    public boolean enabled() {
        return config.authorizationEndpoint().isPresent() && config.tokenEndpoint().isPresent()
                && config.clientId().isPresent();
    }

    /** Sends the browser to the provider. */
    Response start(String next) {
        String state = random();
        String verifier = random();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId().orElseThrow());
        query.put("redirect_uri", redirectUri());
        query.put("scope", config.scopes());
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        String endpoint = config.authorizationEndpoint().orElseThrow();
        URI target = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + form(query));
        String pending = state + "." + verifier + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(next.getBytes(StandardCharsets.UTF_8));
        return Response.seeOther(target).cookie(stateCookie(pending, 600)).build();
    }

    /** Exchanges the code for tokens and checks the one that becomes the session. */
    Outcome finish(String code, String state, String error) {
        if (error != null) {
            return Outcome.failed(401, "The identity provider did not sign you in (" + error + ").");
        }
        Cookie pending = routing.request().getCookie(STATE_COOKIE);
        String[] parts = pending == null ? new String[0] : pending.getValue().split("\\.", -1);
        if (parts.length != 3 || state == null || code == null
                || !MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.UTF_8),
                        state.getBytes(StandardCharsets.UTF_8))) {
            return Outcome.failed(400, "This sign-in link is stale or was not started here: please sign in again.");
        }
        String next = DashboardAccess.safeNext(new String(Base64.getUrlDecoder().decode(parts[2]),
                StandardCharsets.UTF_8));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri());
        body.put("client_id", config.clientId().orElseThrow());
        config.clientSecret().ifPresent(s -> body.put("client_secret", s));
        body.put("code_verifier", parts[1]);
        String token;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(config.tokenEndpoint()
                            .orElseThrow()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                LOG.warnf("OIDC token endpoint answered %d", answer.statusCode());
                return Outcome.failed(502, "The identity provider refused the sign-in; please try again.");
            }
            JsonNode tokens = json.readTree(answer.body());
            token = tokens.path(config.sessionToken()).asText(null);
        } catch (IOException e) {
            LOG.warnf("OIDC token endpoint unreachable: %s", e.getClass().getSimpleName());
            return Outcome.failed(502, "The identity provider cannot be reached right now; please try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(503, "Interrupted; please try again.");
        }
        if (token == null) {
            return Outcome.failed(502, "The identity provider sent no " + config.sessionToken() + ".");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            LOG.warnf("OIDC token rejected: %s", e.getMessage());
            return Outcome.failed(401, "The identity provider's token could not be verified.");
        }
        if (jwt.getGroups() == null || jwt.getGroups().isEmpty()) {
            return Outcome.failed(403, "Your account has no Release Radar role (release-manager, support-lead or "
                    + "admin in the token's groups).");
        }
        long left = jwt.getExpirationTime() - clock.instant().getEpochSecond();
        return new Outcome(token, Math.max(left, 0), next, 303, null);
    }

    /** Removes the flow's pending state. */
    NewCookie clearState() {
        return stateCookie("", 0);
    }

    private NewCookie stateCookie(String value, int maxAge) {
        return new NewCookie.Builder(STATE_COOKIE).value(value).path("/dashboard/sign-in").httpOnly(true)
                .secure(secureCookie).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    private String redirectUri() {
        return config.redirectUri().orElseGet(() -> routing.request().scheme() + "://"
                + routing.request().authority() + "/dashboard/sign-in/callback");
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

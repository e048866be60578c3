package io.releaseradar.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A small but real OpenID Connect provider over HTTP, started by the sign-in tests: discovery, a JWKS with its own
 * RSA key, an authorization endpoint that signs the user in at once and sends the browser back with a code, a token
 * endpoint that checks the client, the code, the redirect URI and the PKCE verifier before it issues tokens (ID token
 * with the request's nonce, access token, refresh token) and honours refresh grants, and an end-session endpoint.
 *
 * <p>Chosen over {@code quarkus-test-oidc-server} (WireMock stubs of a Keycloak realm): its stubs issue fixed users
 * whose {@code groups} are not Release Radar roles, take any PKCE verifier and echo no nonce, so they could not show that
 * the service sends and checks these; a few dozen lines of JDK HTTP server do, and let a test change the user's roles,
 * the ID token's audience and lifetime, and count refreshes and logouts.
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "release-radar";
    static final String CLIENT_SECRET = "test-client-secret-" + UUID.randomUUID();
    static final String SESSION_SECRET = "test-session-secret-" + UUID.randomUUID();
    /** The user the provider signs in, their roles, the ID token's audience and lifetime. */
    static volatile String user = "idp-user";
    static volatile Set<String> groups = Set.of("support-lead");
    static volatile String audience = CLIENT_ID;
    static volatile Duration idTokenLifetime = Duration.ofHours(1);
    /** When set, the authorization endpoint answers with this OAuth error instead of a code (the user cancelled). */
    static volatile String refuseWith;
    /** What the provider saw: authorization requests (their query), ID tokens issued, refreshes, logouts. */
    static final List<Map<String, String>> AUTHORIZE_REQUESTS = new CopyOnWriteArrayList<>();
    static final List<String> ID_TOKENS = new CopyOnWriteArrayList<>();
    static final AtomicInteger REFRESHES = new AtomicInteger();
    static final AtomicInteger LOGOUTS = new AtomicInteger();

    private record Pending(String challenge, String redirectUri, String nonce) {
    }

    private static final Map<String, Pending> CODES = new ConcurrentHashMap<>();
    private static final Map<String, String> REFRESH_TOKENS = new ConcurrentHashMap<>();
    private static final KeyPair KEYS = keys();
    private HttpServer server;
    private String issuer;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        server.createContext("/realm/.well-known/openid-configuration", this::discovery);
        server.createContext("/realm/jwks", this::jwks);
        server.createContext("/realm/authorize", this::authorize);
        server.createContext("/realm/token", this::token);
        server.createContext("/realm/logout", this::logout);
        server.start();
        return Map.of(
                "radar.dashboard.oidc.auth-server-url", issuer,
                "radar.dashboard.oidc.client-id", CLIENT_ID,
                "radar.dashboard.oidc.client-secret", CLIENT_SECRET,
                "radar.dashboard.oidc.session-secret", SESSION_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"end_session_endpoint\":\"" + issuer + "/logout\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"]}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(KEYS.getPublic());
            jwk.setKeyId("test-idp");
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            answer(exchange, 200, new JsonWebKeySet(jwk).toJson());
        } catch (JoseException e) {
            answer(exchange, 500, "{}");
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        AUTHORIZE_REQUESTS.add(q);
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
                || !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        if (refuseWith != null) {
            redirect(exchange, q.get("redirect_uri") + "?error=" + refuseWith + "&state="
                    + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
            return;
        }
        String code = UUID.randomUUID().toString();
        CODES.put(code, new Pending(q.get("code_challenge"), q.get("redirect_uri"), q.get("nonce")));
        redirect(exchange, q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientAuthenticated(exchange, f)) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if ("refresh_token".equals(f.get("grant_type"))) {
            String sid = REFRESH_TOKENS.remove(f.getOrDefault("refresh_token", ""));
            if (sid == null) {
                answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            REFRESHES.incrementAndGet();
            answer(exchange, 200, tokens(sid, null));
            return;
        }
        Pending pending = CODES.remove(f.getOrDefault("code", ""));
        if (pending == null || !"authorization_code".equals(f.get("grant_type"))
                || !pending.redirectUri().equals(f.get("redirect_uri"))
                || !challenge(f.getOrDefault("code_verifier", "")).equals(pending.challenge())) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        answer(exchange, 200, tokens(UUID.randomUUID().toString(), pending.nonce()));
    }

    private String tokens(String sid, String nonce) {
        Instant now = Instant.now();
        var id = Jwt.issuer(issuer).audience(audience).subject(user).upn(user).groups(groups).claim("sid", sid)
                .issuedAt(now).expiresAt(now.plus(idTokenLifetime));
        if (nonce != null) {
            id.claim("nonce", nonce);
        }
        String idToken = id.jws().keyId("test-idp").sign(KEYS.getPrivate());
        ID_TOKENS.add(idToken);
        String accessToken = Jwt.issuer(issuer).audience(CLIENT_ID).subject(user).groups(groups).issuedAt(now)
                .expiresAt(now.plus(idTokenLifetime)).jws().keyId("test-idp").sign(KEYS.getPrivate());
        String refreshToken = UUID.randomUUID().toString();
        REFRESH_TOKENS.put(refreshToken, sid);
        return "{\"id_token\":\"" + idToken + "\",\"access_token\":\"" + accessToken + "\",\"refresh_token\":\""
                + refreshToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + idTokenLifetime.toSeconds() + "}";
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        LOGOUTS.incrementAndGet();
        String back = q.get("post_logout_redirect_uri");
        if (back == null) {
            answer(exchange, 200, "{}");
            return;
        }
        String state = q.get("state");
        redirect(exchange, back + (state == null ? "" : "?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    }

    // client_secret_basic (quarkus-oidc's default) or client_secret_post
    private static boolean clientAuthenticated(HttpExchange exchange, Map<String, String> form) {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            return pair.equals(CLIENT_ID + ":" + CLIENT_SECRET);
        }
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static KeyPair keys() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

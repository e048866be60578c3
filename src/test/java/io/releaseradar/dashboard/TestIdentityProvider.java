package io.releaseradar.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A small but real OpenID Connect provider over HTTP for the sign-in test: an authorization endpoint that signs the
 * user in at once and sends the browser back with a code, and a token endpoint that checks the client, the code
 * and the PKCE verifier before it issues an ID token (signed with the test key the service trusts).
 */
public class TestIdentityProvider implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "release-radar";
    static final String CLIENT_SECRET = "test-client-secret";
    /** The user the provider signs in, and their roles. */
    static volatile String user = "idp-user";
    static volatile Set<String> groups = Set.of("support-lead");

    private record Pending(String challenge, String redirectUri) {
    }

    private static final Map<String, Pending> CODES = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "radar.dashboard.oidc.authorization-endpoint", base + "/authorize",
                "radar.dashboard.oidc.token-endpoint", base + "/token",
                "radar.dashboard.oidc.client-id", CLIENT_ID,
                "radar.dashboard.oidc.client-secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
                || !"S256".equals(q.get("code_challenge_method"))) {
            answer(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        CODES.put(code, new Pending(q.get("code_challenge"), q.get("redirect_uri")));
        exchange.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Pending pending = CODES.remove(f.getOrDefault("code", ""));
        if (pending == null || !CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))
                || !pending.redirectUri().equals(f.get("redirect_uri"))
                || !OidcSignIn.challenge(f.getOrDefault("code_verifier", "")).equals(pending.challenge())) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        String idToken = Jwt.issuer(issuer).upn(user).audience(CLIENT_ID).groups(groups)
                .expiresIn(Duration.ofHours(1)).sign();
        answer(exchange, 200, "{\"id_token\":\"" + idToken + "\",\"token_type\":\"Bearer\"}");
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
}

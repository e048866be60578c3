package io.releaseradar.alerts.notify.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * A real HTTP server on 127.0.0.1 playing Slack's incoming webhook, a Teams workflow or PagerDuty's Events API:
 * it checks every body against the vendor's documented schema, answers as the vendor does (Slack 200 {@code ok},
 * Teams 202, PagerDuty 202 with {@code status}, {@code message}, {@code dedup_key}; 400 with the reasons when the
 * body is invalid), or with the statuses a test scripted (e.g. a 500 outage), and records each call.
 */
public final class VendorReceiver implements AutoCloseable {

    /** One call as received: its headers, raw body, what the schema check found, and the status answered. */
    public record Call(String deliveryId, String event, String contentType, byte[] body, List<String> violations,
            int status) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BiFunction<JsonNode, byte[], List<String>> schema;
    private final int accepted;
    private final BiFunction<JsonNode, List<String>, String> answer;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private VendorReceiver(BiFunction<JsonNode, byte[], List<String>> schema, int accepted,
            BiFunction<JsonNode, List<String>, String> answer) {
        this.schema = schema;
        this.accepted = accepted;
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Slack's incoming webhook: 200 {@code ok}, or 400 {@code invalid_blocks}. */
    public static VendorReceiver slack() {
        return new VendorReceiver((json, raw) -> SlackSchema.check(json), 200,
                (json, violations) -> violations.isEmpty() ? "ok" : "invalid_blocks");
    }

    /** A Teams workflow's "When a Teams webhook request is received": 202, empty. */
    public static VendorReceiver teams() {
        return new VendorReceiver(TeamsSchema::check, 202, (json, violations) -> violations.isEmpty() ? ""
                : "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"" + violations.get(0)
                        .replace("\"", "'") + "\"}}");
    }

    /** PagerDuty's Events API v2 {@code /v2/enqueue}: 202 {@code {"status":"success",...}} or 400. */
    public static VendorReceiver pagerDuty() {
        return new VendorReceiver(PagerDutySchema::check, 202, (json, violations) -> violations.isEmpty()
                ? JSON.createObjectNode().put("status", "success").put("message", "Event processed")
                        .put("dedup_key", json.path("dedup_key").asText()).toString()
                : JSON.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid")
                        .set("errors", JSON.valueToTree(violations)).toString());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
    }

    /** The next calls are answered with these statuses, in order, whatever their body; later ones as the vendor. */
    public void answer(int... statuses) {
        for (int status : statuses) {
            script.add(status);
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode json = null;
            List<String> violations;
            try {
                json = JSON.readTree(body);
                violations = json == null ? List.of("$: empty body") : schema.apply(json, body);
            } catch (IOException e) {
                violations = List.of("$: not JSON: " + e.getMessage());
            }
            Integer scripted = script.poll();
            int status = scripted != null ? scripted : violations.isEmpty() ? accepted : 400;
            var headers = exchange.getRequestHeaders();
            calls.add(new Call(headers.getFirst("X-Radar-Delivery"), headers.getFirst("X-Radar-Event"),
                    headers.getFirst("Content-Type"), body, violations, status));
            byte[] reply = (scripted != null ? "scripted failure " + scripted : answer.apply(json, violations))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
                exchange.getResponseBody().write(reply);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

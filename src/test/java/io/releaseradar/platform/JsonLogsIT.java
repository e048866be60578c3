package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.releaseradar.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in the prod profile: its console is one JSON object per line, and tracing is off until an OTLP
 * endpoint is set. With one (here a local OTLP/HTTP receiver), a request's spans, in the trace of the caller's
 * {@code traceparent}, reach it, and the lines the request logs carry that trace id.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theConsoleIsJsonLinesAndWithoutAnEndpointNothingIsTraced() throws Exception {
        List<JsonNode> lines;
        try (ServiceProcess app = fresh("json-logs-off", ServiceProcess.baseConfig())) {
            // An unknown product: a 404 after a query, enough for a span and an SQL log line.
            app.as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/releases", "json-logs").then().statusCode(404);
            lines = jsonLines(app);
        }
        assertThat(lines).anySatisfy(l -> assertThat(l.path("message").asText()).contains("started in"));
        assertThat(lines).allSatisfy(l -> assertThat(l.has("timestamp") && l.has("level") && l.has("loggerName"))
                .as(l.toString()).isTrue());
        assertThat(lines).noneMatch(l -> l.path("mdc").has("traceId"));
    }

    @Test
    void withAnOtlpEndpointTheRequestsSpansAreExportedThereAndItsLogLinesCarryTheTraceId() throws Exception {
        List<byte[]> exported = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(ServiceProcess.HOST, 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> config = new java.util.HashMap<>(ServiceProcess.baseConfig());
        config.put("quarkus.otel.exporter.otlp.endpoint",
                "http://" + ServiceProcess.HOST + ":" + receiver.getAddress().getPort());
        config.put("quarkus.otel.exporter.otlp.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        try (ServiceProcess app = fresh("json-logs-traced", config)) {
            app.as(Roles.RELEASE_MANAGER).header("traceparent", "00-" + traceId + "-" + traceId.substring(16) + "-01")
                    .body(Map.of("releasedAt", "2026-03-01T00:00:00Z"))
                    .put("/api/v1/products/{p}/releases/{v}", "json-logs-" + traceId.substring(0, 8), "1.0")
                    .then().statusCode(201);
            byte[] id = HexFormat.of().parseHex(traceId);
            await("the request's spans at the receiver").atMost(Duration.ofSeconds(30))
                    .until(() -> exported.stream().anyMatch(body -> contains(body, id)));
            // a request that logs: its line carries the caller's trace id
            String customer = "json-logs-" + traceId.substring(0, 12);
            app.as(Roles.INGEST).body(List.of(Map.of("id", customer, "name", "Trace Tester", "email",
                    "trace@example.com", "locale", "en-GB", "optedOut", false)))
                    .post("/api/v1/customers/batch").then().statusCode(200);
            app.as(Roles.ADMIN).header("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01")
                    .delete("/api/v1/customers/{id}", customer).then().statusCode(204);
            await("the erasure's log line").atMost(Duration.ofSeconds(10)).until(() -> jsonLines(app).stream()
                    .anyMatch(l -> l.path("message").asText().startsWith("Customer " + customer + " erased")));
            assertThat(jsonLines(app)).filteredOn(l -> l.path("message").asText().startsWith("Customer " + customer))
                    .singleElement().satisfies(l -> assertThat(l.path("mdc").path("traceId").asText())
                            .isEqualTo(traceId));
        } finally {
            receiver.stop(0);
        }
    }

    private static ServiceProcess fresh(String name, Map<String, String> config) throws IOException {
        Files.deleteIfExists(java.nio.file.Path.of("target", name + ".log"));
        return ServiceProcess.start(name, config);
    }

    /** Every non-blank line of the instance's output, parsed; fails on a line that is not a JSON object. */
    private static List<JsonNode> jsonLines(ServiceProcess app) throws IOException {
        return Files.readAllLines(app.log(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                JsonNode node = JSON.readTree(l);
                assertThat(node.isObject()).as(l).isTrue();
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + l, e);
            }
        }).toList();
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

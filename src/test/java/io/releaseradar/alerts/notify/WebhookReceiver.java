package io.releaseradar.alerts.notify;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a free port of 127.0.0.1 standing in for a subscriber's webhook: it records every call
 * (headers and raw body) and answers with the statuses it was told to, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One call as received (our headers, the Standard Webhooks ones, Host), and what it was answered. */
    record Call(String deliveryId, String signature, String event, String contentType, byte[] body, int status,
            String webhookId, String webhookTimestamp, String webhookSignature, String host) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch rendezvous;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next calls are answered with these statuses, in order; later ones with 200. */
    void answer(int... statuses) {
        for (int status : statuses) {
            script.add(status);
        }
    }

    /**
     * The first calls wait (up to 10 s) until {@code callers} of them are in flight at once: proof that that many
     * senders work in parallel, seen in {@link #maxInFlight()}.
     */
    void holdUntilConcurrent(int callers) {
        rendezvous = new CountDownLatch(callers);
    }

    /** Forgets the calls so far and the statuses not yet answered, for a receiver shared by several tests. */
    void reset() {
        script.clear();
        calls.clear();
        rendezvous = null;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The most calls that were in flight at the same time. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            CountDownLatch latch = rendezvous;
            if (latch != null) {
                latch.countDown();
                latch.await(10, TimeUnit.SECONDS);
            }
            Integer scripted = script.poll();
            int status = scripted == null ? 200 : scripted;
            var headers = exchange.getRequestHeaders();
            calls.add(new Call(headers.getFirst("X-Radar-Delivery"), headers.getFirst("X-Radar-Signature"),
                    headers.getFirst("X-Radar-Event"), headers.getFirst("Content-Type"), body, status,
                    headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Host")));
            byte[] answer = (status == 200 ? "ok" : "scripted failure " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

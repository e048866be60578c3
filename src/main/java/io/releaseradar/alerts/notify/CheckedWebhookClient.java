package io.releaseradar.alerts.notify;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Makes webhook calls only to receivers {@link ReceiverAddresses} allows, and only to the address it checked: the
 * host is resolved once, every address it resolved to is checked, and the connection goes to the first of them
 * (Vert.x' {@link RequestOptions#setServer}), with the URL's host as Host header, TLS server name and the name the
 * certificate must match. A name that resolves elsewhere a moment later (DNS rebinding) is therefore never called.
 * No redirects are followed, no connection is kept, and nothing of the answer but its status is read: a receiver's
 * answer must not find its way into our logs or database. Certificates must chain to the JVM's authorities or to
 * those of {@code RADAR_ALERTS_WEBHOOK_TRUST_STORE} ({@link WebhookTrustStore}).
 */
@ApplicationScoped
class CheckedWebhookClient {

    private final ReceiverAddresses receivers;
    private final Duration timeout;
    private final HttpClient http;

    CheckedWebhookClient(Vertx vertx, ReceiverAddresses receivers, AlertNotifyConfig config) {
        this.receivers = receivers;
        this.timeout = config.webhookTimeout();
        HttpClientOptions options = new HttpClientOptions();
        // The JVM's authorities plus a configured private CA's; without one, Vert.x' default (the JVM's) stands.
        WebhookTrustStore.load(config.webhookTrustStore(), config.webhookTrustStorePassword())
                .ifPresent(trust -> options.setTrustOptions(TrustOptions.wrap(trust)));
        this.http = vertx.createHttpClient(options
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(false)
                // The certificate must match the URL's host (the TLS engine is made for it, so it also sends it as
                // server name), not the address connected to.
                .setVerifyHost(true)
                // No traceparent to receivers outside; the worker's own span covers the call.
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setConnectTimeout((int) timeout.toMillis()));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /**
     * POSTs {@code body} with {@code headers} to {@code url} and returns the answer's status; the call ends after
     * twice the webhook timeout at most (to connect, then to answer).
     */
    int post(String url, Map<String, String> headers, byte[] body) throws DeliveryFailure {
        ReceiverAddresses.Pinned pinned = receivers.pin(url);
        ReceiverAddressPolicy.Target target = pinned.target();
        String host = target.host().startsWith("[") ? target.host().substring(1, target.host().length() - 1)
                : target.host();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), pinned.address().getHostAddress()))
                .setHost(host)
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(request::putHeader);
        CompletableFuture<Integer> status = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        http.request(request).compose(r -> {
            inFlight.set(r);
            return r.send(Buffer.buffer(body));
        }).onComplete(answer -> {
            if (answer.succeeded()) {
                status.complete(answer.result().statusCode());
                // The status is all we need: close instead of reading (or waiting for) the body, whose end then
                // never comes (which is no error of the call's).
                answer.result().exceptionHandler(ignored -> { });
                answer.result().request().connection().close();
            } else {
                status.completeExceptionally(answer.cause());
            }
        });
        Duration deadline = timeout.multipliedBy(2);
        try {
            return status.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw DeliveryFailure.temporary("webhook not reached: " + reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            reset(inFlight.get());
            throw DeliveryFailure.temporary("webhook not reached: no answer, timed out after " + deadline, e);
        } catch (InterruptedException e) {
            reset(inFlight.get());
            Thread.currentThread().interrupt();
            throw DeliveryFailure.temporary("interrupted while calling the webhook", e);
        }
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    /** Our own words for why a call failed: an exception's message may quote what the receiver sent. */
    private String reason(Throwable failure) {
        if (failure instanceof ConnectTimeoutException) {
            return "connecting timed out after " + timeout;
        }
        // Vert.x' idle timeout is its own NoStackTraceTimeoutException.
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return "no answer, timed out after " + timeout;
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof SSLException) {
            return "TLS handshake failed (" + failure.getClass().getSimpleName() + ")";
        }
        return "connection failed (" + failure.getClass().getSimpleName() + ")";
    }
}

package io.releaseradar.platform;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Spans around the calls no extension traces (SMTP, the alert feed's own Kafka producer, webhooks), as children of
 * whatever span is current. With tracing off ({@code quarkus.otel.sdk.disabled}, see {@link TracingToggle}) it
 * starts none, as Quarkus' own instrumentation does then.
 *
 * <p>A failed call marks its span ERROR with the exception's type only: messages of mail and HTTP failures may
 * carry addresses, and spans leave the service.
 */
@ApplicationScoped
public class Spans {

    /** Attribute naming what kind of mail a {@link #SMTP_SEND} span sent ({@code notice}, {@code alert}). */
    public static final String MAIL_KIND = "radar.mail.kind";
    /** The name of the span around one mail handed to the SMTP relay. */
    public static final String SMTP_SEND = "smtp send";

    /** The work inside a span. */
    @FunctionalInterface
    public interface Call<E extends Exception> {
        void run() throws E;
    }

    private final Tracer tracer;
    private final boolean disabled;

    Spans(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean disabled) {
        this.tracer = tracer;
        this.disabled = disabled;
    }

    /** Runs {@code call}, which hands one mail of {@code mailKind} to the SMTP relay, in a client span. */
    public <E extends Exception> void smtpSend(String mailKind, Call<E> call) throws E {
        run(SMTP_SEND, SpanKind.CLIENT, Attributes.of(AttributeKey.stringKey(MAIL_KIND), mailKind), call);
    }

    /** Runs {@code call} in a new span {@code name} of {@code kind}, current while it runs. */
    public <E extends Exception> void run(String name, SpanKind kind, Attributes attributes, Call<E> call) throws E {
        if (disabled) {
            call.run();
            return;
        }
        Span span = tracer.spanBuilder(name).setSpanKind(kind).setAllAttributes(attributes).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            call.run();
        } catch (Exception | Error e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getName());
            throw e;
        } finally {
            span.end();
        }
    }
}

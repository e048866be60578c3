package io.releaseradar.testsupport;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The span exporter of {@link TracingTestProfile}: Quarkus exports to every {@code SpanExporter} bean (and then
 * builds no OTLP exporter), so this one keeps what the application would have sent. An alternative, enabled by that
 * profile only: every other test runs without it.
 */
@Alternative
@Singleton
public class InMemorySpans {

    @Produces
    @Singleton
    @Unremovable
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** The finished spans of one trace, in the order they ended. */
    public static List<SpanData> ofTrace(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    /** Whether {@code span} is a database client span (an attribute of the {@code db.*} conventions). */
    public static boolean isDatabase(SpanData span) {
        return span.getKind() == SpanKind.CLIENT
                && span.getAttributes().asMap().keySet().stream().anyMatch(k -> k.getKey().startsWith("db."));
    }

    public static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    /** Whether {@code ancestor} is {@code span}'s parent, grandparent, ... within {@code trace}. */
    public static boolean descendsFrom(SpanData span, SpanData ancestor, List<SpanData> trace) {
        SpanData current = span;
        while (current != null && current.getParentSpanContext().isValid()) {
            String parentId = current.getParentSpanId();
            if (parentId.equals(ancestor.getSpanId())) {
                return true;
            }
            current = trace.stream().filter(s -> s.getSpanId().equals(parentId)).findFirst().orElse(null);
        }
        return false;
    }

    /** One line per span, for failure messages. */
    public static String describe(List<SpanData> spans) {
        return spans.stream().map(s -> s.getKind() + " " + s.getName() + " " + s.getSpanId() + "<-"
                + s.getParentSpanId() + " " + Objects.toString(s.getAttributes()))
                .collect(Collectors.joining("\n"));
    }
}

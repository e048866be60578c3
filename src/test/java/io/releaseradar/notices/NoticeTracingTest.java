package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.InMemorySpans.describe;
import static io.releaseradar.testsupport.InMemorySpans.descendsFrom;
import static io.releaseradar.testsupport.InMemorySpans.ofTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.platform.Spans;
import io.releaseradar.testsupport.InMemorySpans;
import io.releaseradar.testsupport.TracingTestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, every notice mail handed to the SMTP server (GreenMail) is a client span of the delivery run,
 * beside the run's database statements, and no span carries the recipient's address.
 */
@QuarkusTest
@TestProfile(TracingTestProfile.class)
class NoticeTracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Tracer tracer;

    @Inject
    NoticeDeliveryWorker worker;

    @Test
    void eachMailSentIsAnSmtpSpanOfTheDeliveryRun() {
        InstallBase w = NoticeFlowTest.world();
        String id = NoticeFlowTest.create(w, "ALL");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);

        // The scheduler would start the run's span; here the test does, to find the run's spans by its trace.
        Span run = tracer.spanBuilder("test delivery run").startSpan();
        try (Scope ignored = run.makeCurrent()) {
            worker.deliverDue();
        } finally {
            run.end();
        }
        String traceId = run.getSpanContext().getTraceId();
        int mailed = NoticeFlowTest.recipients(w).size();
        assertThat(mailed).isEqualTo(3);

        List<SpanData> trace = await().atMost(Duration.ofSeconds(30)).until(() -> ofTrace(spans, traceId),
                t -> t.stream().filter(s -> s.getName().equals(Spans.SMTP_SEND)).count() == mailed
                        && t.stream().anyMatch(s -> s.getSpanId().equals(run.getSpanContext().getSpanId())));
        SpanData root = trace.stream().filter(s -> s.getSpanId().equals(run.getSpanContext().getSpanId()))
                .findFirst().orElseThrow();
        List<SpanData> smtp = trace.stream().filter(s -> s.getName().equals(Spans.SMTP_SEND)).toList();
        assertThat(smtp).as(describe(trace)).allSatisfy(s -> {
            assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(InMemorySpans.attribute(s, Spans.MAIL_KIND)).isEqualTo("notice");
            assertThat(s.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
            assertThat(descendsFrom(s, root, trace)).isTrue();
        });
        assertThat(trace).as("the run's database work").anyMatch(InMemorySpans::isDatabase);
        assertThat(describe(trace)).as("no address in any span").doesNotContain("@");
    }
}

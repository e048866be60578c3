package io.releaseradar.dashboard;

import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.TemplateNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Every instant a dashboard page prints reads as people read time ({@code 2026-12-07 12:49 UTC}), not as
 * {@code Instant.toString()} ({@code 2026-12-07T12:49:34.350208Z}): one rule for all pages, including values a page
 * passes on from a service record, rather than a formatting call each template must remember. The API keeps ISO-8601;
 * this applies to the dashboard's templates only.
 */
@ApplicationScoped
public class ReadableInstants implements ResultMapper {

    void register(@Observes EngineBuilder builder) {
        builder.addResultMapper(this);
    }

    @Override
    public int getPriority() {
        // before the HTML escaper, whose priority is the default: the result has nothing to escape
        return DEFAULT_PRIORITY + 10;
    }

    @Override
    public boolean appliesTo(TemplateNode.Origin origin, Object result) {
        return result instanceof Instant && origin.getTemplateId() != null
                && origin.getTemplateId().startsWith("dashboard/");
    }

    @Override
    public String map(Object result, Expression expression) {
        return Numbers.instant((Instant) result);
    }
}

package io.releaseradar.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 413 problem+json for a request whose declared {@code Content-Length} is over the limit, before its body is
 * read. Bodies sent without a length are still capped by {@code quarkus.http.limits.max-body-size} (plain 413).
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final HttpConfig config;
    private final ObjectMapper json;

    public RequestSizeLimit(HttpConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && isOver(length)) {
                Problem problem = new Problem(ProblemTypes.TOO_LARGE, "Payload Too Large", 413,
                        "The request body is larger than " + config.maxRequestBytes()
                                + " bytes. Send fewer items per batch.", null);
                try {
                    ctx.response().setStatusCode(413)
                            .putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close")
                            .end(json.writeValueAsString(problem));
                } catch (Exception e) {
                    ctx.fail(413);
                }
                return;
            }
            ctx.next();
        });
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > config.maxRequestBytes();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

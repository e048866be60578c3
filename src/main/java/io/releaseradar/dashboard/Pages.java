package io.releaseradar.dashboard;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A rendered dashboard page as an HTTP answer. */
final class Pages {

    private Pages() {
    }

    static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }
}

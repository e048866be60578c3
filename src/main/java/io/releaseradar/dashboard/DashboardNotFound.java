package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.platform.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A 404 under {@code /dashboard} (an unknown path, product or version) is a page a person can read, with a way back
 * to the overview, instead of the API's problem+json; {@code /api/v1} keeps its problem answers.
 */
public class DashboardNotFound {

    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance notFound(String detail);
    }

    @ServerResponseFilter
    public void notFoundPage(ContainerRequestContext request, ContainerResponseContext response) {
        // a page that answers 404 itself (the backtest form naming an unknown product) keeps its answer
        if (response.getStatus() != 404 || !(response.getEntity() instanceof Problem problem)
                || !isDashboard(request.getUriInfo().getPath())) {
            return;
        }
        // the problem's detail names what is missing ("No release 9.9 of notes."); the template escapes it
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, HTML);
        response.setEntity(Templates.notFound(problem.detail()).render(), null, HTML);
    }

    static boolean isDashboard(String path) {
        return path.equals("/dashboard") || path.startsWith("/dashboard/");
    }
}

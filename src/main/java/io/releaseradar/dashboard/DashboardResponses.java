package io.releaseradar.dashboard;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dashboard's own answers to denial. Its security headers (CSP and others) come from configuration
 * ({@code quarkus.http.filter.*} in application.properties), which Vert.x adds to every response.
 */
public class DashboardResponses {

    @ServerExceptionMapper
    public Response denied(DashboardDenied e) {
        return e.response();
    }
}

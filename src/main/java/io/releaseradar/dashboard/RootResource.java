package io.releaseradar.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The service's root opens the dashboard. */
@Path("/")
@PermitAll
public class RootResource {

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/dashboard")).build();
    }
}

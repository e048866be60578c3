package io.releaseradar.dashboard;

import jakarta.ws.rs.core.Response;

/** A dashboard request that is answered with a page of its own: the sign-in redirect or a 403 page. */
final class DashboardDenied extends RuntimeException {

    private final transient Response response;

    DashboardDenied(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }
}

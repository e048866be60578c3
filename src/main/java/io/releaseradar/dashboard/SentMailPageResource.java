package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.notices.SentMail;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import io.releaseradar.simulation.DemoConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The demo's sent mail: the notices its outbox sent, with recipients and one mail per language, because the demo's
 * mailer sends nothing anyone could read. Only where {@code radar.demo.sent-mail-view} is on (the demo profile); a
 * 404 everywhere else, before any sign-in, so a production dashboard does not even show that it exists.
 */
@Path("/dashboard/sent-mail")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SentMailPageResource {

    /** Notices shown, newest first. */
    static final int NOTICES = 20;

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance sentMail(Viewer viewer, List<SentMail.Notice> notices);
    }

    private final DashboardAccess access;
    private final SentMail sent;
    private final DemoConfig demo;

    SentMailPageResource(DashboardAccess access, SentMail sent, DemoConfig demo) {
        this.access = access;
        this.sent = sent;
        this.demo = demo;
    }

    @GET
    public Response page() {
        if (!demo.sentMailView()) {
            throw ProblemException.notFound("There is no such page.");
        }
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        return Pages.html(200, Templates.sentMail(viewer, sent.recent(NOTICES)));
    }
}

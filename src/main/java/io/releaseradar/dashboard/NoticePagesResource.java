package io.releaseradar.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.notices.Breakdown;
import io.releaseradar.notices.NoticeDrafts;
import io.releaseradar.notices.NoticePreview;
import io.releaseradar.notices.NoticeRequest;
import io.releaseradar.notices.NoticeService;
import io.releaseradar.notices.NoticeView;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import io.releaseradar.simulation.DemoConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The release managers' notice composer: draft from an alert, audience breakdown, preview, approve, progress. */
@Path("/dashboard/notices")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class NoticePagesResource {

    /** What the composer's form holds. */
    public record Draft(String product, String version, String alertId, String alertSummary, String audience,
            String subject, String body, List<TranslationSlot> translations) {
    }

    /** One of the composer's translation fields: language tag, subject, body; blank when unused. */
    public record TranslationSlot(int index, String locale, String subject, String body) {
    }

    /** How many translations the composer offers at once (the API takes more). */
    static final int TRANSLATION_SLOTS = 3;

    /** A count in the audience breakdown. */
    public record Count(String label, int count) {
    }

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance noticeNew(Viewer viewer, Draft draft, List<String> errors);

        static native TemplateInstance notice(Viewer viewer, NoticeView notice, List<Count> groups,
                List<Count> suppressed, int mailed, NoticePreview.Sample sample,
                List<NoticePreview.Language> languages);

        static native TemplateInstance notice$progress(NoticeView notice);

        static native TemplateInstance notices(Viewer viewer, List<NoticeView> notices, boolean sentMailView);
    }

    private static final String PLAIN_SUBJECT = "Please wait with {product} {version}";
    private static final String PLAIN_BODY = """
            We found a problem in {product} {version}.

            You run {installedVersion}. Until we ship a fix, please do not upgrade to {version}.""";

    private final DashboardAccess access;
    private final NoticeService notices;
    private final AlertService alerts;
    private final NoticeDrafts drafts;
    private final ObjectMapper json;
    private final DemoConfig demo;

    NoticePagesResource(DashboardAccess access, NoticeService notices, AlertService alerts, NoticeDrafts drafts,
            ObjectMapper json, DemoConfig demo) {
        this.demo = demo;
        this.access = access;
        this.notices = notices;
        this.alerts = alerts;
        this.drafts = drafts;
        this.json = json;
    }

    @GET
    public String list() {
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        return Templates.notices(viewer, notices.list(null, null), demo.sentMailView()).render();
    }

    @GET
    @Path("/new")
    public Response compose(@QueryParam("alert") String alertId, @QueryParam("product") String product,
            @QueryParam("version") String version) {
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        if (alertId != null && !alertId.isBlank()) {
            AlertView a;
            try {
                a = alerts.get(UUID.fromString(alertId));
            } catch (IllegalArgumentException e) {
                throw ProblemException.notFound("No alert " + alertId + ".");
            }
            // a first draft in the customers' words; the alert's summary is shown beside it, for the author only
            NoticeDrafts.Suggestion s = drafts.fromAlert(a.id());
            return Pages.html(200, Templates.noticeNew(viewer, new Draft(s.product(), s.version(),
                    s.alertId().toString(), a.summary(), s.audience().name(), s.subject(), s.body(),
                    slots(List.of(), List.of(), List.of())), List.of()));
        }
        return Pages.html(200, Templates.noticeNew(viewer, new Draft(product, version, null, null, "ALL", PLAIN_SUBJECT,
                PLAIN_BODY, slots(List.of(), List.of(), List.of())), List.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("product") String product, @FormParam("version") String version,
            @FormParam("alertId") String alertId, @FormParam("audience") String audience,
            @FormParam("subject") String subject, @FormParam("body") String body,
            @FormParam("translationLocale") List<String> locales,
            @FormParam("translationSubject") List<String> subjects, @FormParam("translationBody") List<String> bodies,
            @FormParam("csrf") String csrf) {
        Viewer viewer = access.requireForm(csrf, Roles.RELEASE_MANAGER);
        List<TranslationSlot> slots = slots(locales, subjects, bodies);
        ObjectNode request = json.createObjectNode();
        request.put("product", product);
        request.put("version", version);
        request.put("alertId", alertId == null || alertId.isBlank() ? null : alertId);
        request.put("audience", audience);
        request.put("subject", subject);
        request.put("body", body == null ? null : body.replace("\r\n", "\n"));
        ObjectNode translations = request.putObject("translations");
        for (TranslationSlot t : slots) {
            if (!t.locale().isBlank() || !t.subject().isBlank() || !t.body().isBlank()) {
                ObjectNode text = translations.putObject(t.locale().strip());
                text.put("subject", t.subject());
                text.put("body", t.body().replace("\r\n", "\n"));
            }
        }
        try {
            NoticeService.Created created = notices.create(NoticeRequest.parse(request), viewer.name());
            return Response.seeOther(URI.create("/dashboard/notices/" + created.notice().id())).build();
        } catch (ProblemException e) {
            return Pages.html(e.status(), Templates.noticeNew(viewer, new Draft(product, version, alertId, null,
                    audience, subject, body, slots), AlertsPageResource.errors(e)));
        }
    }

    @GET
    @Path("/{id}")
    public Response page(@PathParam("id") String id) {
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        UUID uuid = uuid(id);
        NoticeView n = notices.get(uuid);
        NoticePreview preview = notices.preview(uuid, null);
        Breakdown b = preview.breakdown();
        List<Count> groups = List.of(new Count("running " + n.version(), b.installed()),
                new Count("on an earlier version, not yet upgraded", b.notYetUpgraded()));
        List<Count> suppressed = new ArrayList<>();
        for (Map.Entry<io.releaseradar.notices.Suppression, Integer> e : b.suppressed().entrySet()) {
            suppressed.add(new Count(reason(e.getKey()), e.getValue()));
        }
        return Pages.html(200, Templates.notice(viewer, n, groups, suppressed, b.mailed(), preview.sample(),
                preview.languages()));
    }

    @GET
    @Path("/{id}/progress")
    public Response progress(@PathParam("id") String id) {
        access.require(Roles.RELEASE_MANAGER);
        return Pages.html(200, Templates.notice$progress(notices.get(uuid(id))));
    }

    @POST
    @Path("/{id}/{action:approve|cancel}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
            @FormParam("csrf") String csrf) {
        Viewer viewer = access.requireForm(csrf, Roles.RELEASE_MANAGER);
        UUID uuid = uuid(id);
        if (action.equals("approve")) {
            notices.approve(uuid, viewer.name());
        } else {
            notices.cancel(uuid, viewer.name());
        }
        return Response.seeOther(URI.create("/dashboard/notices/" + uuid)).build();
    }

    /** The composer's translation fields as posted, padded to {@link #TRANSLATION_SLOTS}. */
    private static List<TranslationSlot> slots(List<String> locales, List<String> subjects, List<String> bodies) {
        int n = Math.max(TRANSLATION_SLOTS, Math.max(size(locales), Math.max(size(subjects), size(bodies))));
        List<TranslationSlot> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(new TranslationSlot(i, at(locales, i), at(subjects, i), at(bodies, i)));
        }
        return slots;
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() || values.get(i) == null ? "" : values.get(i);
    }

    static String reason(io.releaseradar.notices.Suppression s) {
        return switch (s) {
            case OPTED_OUT -> "opted out or unsubscribed";
            case NO_EMAIL -> "no e-mail address";
            case IN_TOUCH -> "already in touch with support about this problem";
            case FREQUENCY_CAP -> "had another notice of this product recently";
        };
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No notice " + id + ".");
        }
    }
}

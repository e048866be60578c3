package io.releaseradar.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.alerts.notify.SubscriptionService;
import io.releaseradar.alerts.notify.SubscriptionView;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
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
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The support leads' inbox: active alerts, most severe and newest first, their actions, and subscriptions. */
@Path("/dashboard")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class AlertsPageResource {

    /** An alert as the inbox shows it. */
    public record InboxAlert(String id, String product, String version, String severity, String status,
            String openedAt, String updatedAt, String summary, boolean regressed, List<SignalLine> signals,
            List<AlertView.SampleContact> samples, String rolloutHold, String reason) {
    }

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance alerts(Viewer viewer, String product, List<InboxAlert> active, List<InboxAlert> closed,
                List<SubscriptionView> subscriptions, SubscriptionForm form, List<String> errors, String message);
    }

    /**
     * What the subscription form shows: empty for a new one, a stored subscription to edit, or what was just sent
     * when it was refused. Secrets are never shown back (write-only, as in the API).
     */
    public record SubscriptionForm(String id, String product, String minSeverity, String email, String webhookUrl,
            String kind, boolean editing) {

        static final SubscriptionForm EMPTY = new SubscriptionForm("", "", "HIGH", "", "", "webhook", false);

        static SubscriptionForm of(SubscriptionView s) {
            return new SubscriptionForm(s.id(), orEmpty(s.product()), s.minSeverity().name(), orEmpty(s.email()),
                    orEmpty(s.webhookUrl()), s.kind(), true);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    private static final int CLOSED_SHOWN = 20;

    private final DashboardAccess access;
    private final AlertService alerts;
    private final SubscriptionService subscriptions;
    private final ObjectMapper json;
    private final InstantSource clock;

    AlertsPageResource(DashboardAccess access, AlertService alerts, SubscriptionService subscriptions,
            ObjectMapper json, InstantSource clock) {
        this.access = access;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Path("/alerts")
    public Response inbox(@QueryParam("product") String product, @QueryParam("edit") String edit) {
        Viewer viewer = access.require(OverviewResource.VIEWERS);
        SubscriptionForm form = SubscriptionForm.EMPTY;
        if (edit != null && viewer.supportLead()) {
            try {
                form = SubscriptionForm.of(subscriptions.get(edit));
            } catch (ProblemException e) {
                return page(viewer, null, form, errors(e), null, e.status());
            }
        }
        return page(viewer, product == null || product.isBlank() ? null : product, form, List.of(), null, 200);
    }

    @POST
    @Path("/alerts/{id}/{action:acknowledge|resolve|dismiss}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
            @FormParam("reason") String reason, @FormParam("csrf") String csrf) {
        Viewer viewer = access.requireForm(csrf, Roles.SUPPORT_LEAD);
        UUID alertId;
        try {
            alertId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return page(viewer, null, SubscriptionForm.EMPTY, List.of("That is not an alert id."), null, 400);
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 1000) {
            return page(viewer, null, SubscriptionForm.EMPTY, List.of("Keep the reason under 1,000 characters."), null,
                    400);
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            AlertView a = switch (action) {
                case "acknowledge" -> alerts.acknowledge(alertId, why, now);
                case "resolve" -> alerts.resolve(alertId, why, now);
                default -> {
                    if (why == null) {
                        throw ProblemException.invalid("Say why the alert is dismissed.",
                                List.of(new Problem.FieldError("reason", "is required to dismiss")));
                    }
                    yield alerts.dismiss(alertId, why, now);
                }
            };
            return Response.seeOther(URI.create("/dashboard/alerts?product=" + a.product() + "#alert-" + a.id()))
                    .build();
        } catch (ProblemException e) {
            return page(viewer, null, SubscriptionForm.EMPTY, errors(e), null, e.status());
        }
    }

    @POST
    @Path("/subscriptions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(@FormParam("id") String id, @FormParam("product") String product,
            @FormParam("minSeverity") String minSeverity, @FormParam("email") String email,
            @FormParam("webhookUrl") String webhookUrl, @FormParam("webhookSecret") String webhookSecret,
            @FormParam("kind") String kind, @FormParam("routingKey") String routingKey,
            @FormParam("csrf") String csrf) {
        Viewer viewer = access.requireForm(csrf, Roles.SUPPORT_LEAD);
        // The same body a PUT /api/v1/subscriptions/{id} takes, read by the same strict parser: a field the form
        // leaves empty is null, as an API client would send it (kind null: webhook, the contract's default).
        ObjectNode body = json.createObjectNode();
        body.put("product", blankToNull(product));
        body.put("minSeverity", blankToNull(minSeverity));
        body.put("email", blankToNull(email));
        body.put("webhookUrl", blankToNull(webhookUrl));
        body.put("webhookSecret", blankToNull(webhookSecret));
        body.put("kind", blankToNull(kind));
        body.put("routingKey", blankToNull(routingKey));
        String key = id == null ? "" : id.strip();
        try {
            SubscriptionService.Saved saved = subscriptions.save(key, body);
            return page(viewer, null, SubscriptionForm.EMPTY, List.of(), "Subscription "
                    + saved.subscription().id() + (saved.created() ? " created." : " replaced."),
                    saved.created() ? 201 : 200);
        } catch (ProblemException e) {
            // what was typed stays in the form (but the secrets), so that one wrong field is one fix
            SubscriptionForm typed = new SubscriptionForm(key, orEmpty(product), orEmpty(minSeverity),
                    orEmpty(email), orEmpty(webhookUrl), kind == null || kind.isBlank() ? "webhook" : kind, false);
            return page(viewer, null, typed, errors(e), null, e.status());
        }
    }

    @POST
    @Path("/subscriptions/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unsubscribe(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        Viewer viewer = access.requireForm(csrf, Roles.SUPPORT_LEAD);
        try {
            subscriptions.delete(id);
            return page(viewer, null, SubscriptionForm.EMPTY, List.of(), "Subscription " + id + " deleted.", 200);
        } catch (ProblemException e) {
            return page(viewer, null, SubscriptionForm.EMPTY, errors(e), null, e.status());
        }
    }

    private Response page(Viewer viewer, String product, SubscriptionForm form, List<String> errors, String message,
            int status) {
        List<AlertView> all = alerts.list(product, null, null);
        Comparator<AlertView> order = Comparator.comparing(AlertView::severity).reversed()
                .thenComparing(AlertView::openedAt, Comparator.reverseOrder());
        // the customers' own words are the support leads' (as GET /api/v1/alerts): no quotes for release managers
        boolean quotes = viewer.supportLead();
        List<InboxAlert> active = all.stream().filter(a -> a.status().active()).sorted(order)
                .map(a -> line(a, quotes)).toList();
        List<InboxAlert> closed = all.stream().filter(a -> !a.status().active()).limit(CLOSED_SHOWN)
                .map(a -> line(a, quotes)).toList();
        List<SubscriptionView> subs = viewer.supportLead() ? subscriptions.list() : List.of();
        return Pages.html(status, Templates.alerts(viewer, product, active, closed, subs, form, errors,
                message));
    }

    private InboxAlert line(AlertView a, boolean quotes) {
        return new InboxAlert(a.id().toString(), a.product(), a.version() == null ? "all versions" : a.version(),
                a.severity().name(), a.status().name(), Numbers.instant(a.openedAt()), Numbers.instant(a.updatedAt()),
                a.summary(), a.regressed(), a.signals().stream().limit(3).map(s -> SignalLine.of(s, null)).toList(),
                quotes ? a.sampleContacts() : List.of(), a.rolloutHoldRequestedAt() == null ? null
                        : Numbers.instant(a.rolloutHoldRequestedAt()), a.reason());
    }

    static List<String> errors(ProblemException e) {
        Problem p = e.toProblem();
        if (p.errors() == null || p.errors().isEmpty()) {
            return List.of(p.detail());
        }
        return p.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

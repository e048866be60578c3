package io.releaseradar.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.Audience;
import io.releaseradar.notices.AutoSendCheck;
import io.releaseradar.notices.NoticePolicies;
import io.releaseradar.notices.NoticePolicy;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * A product's auto-notice policy as a form, with the false-alert estimate on the product's own history beside it: how
 * often detection as set would have alerted on healthy versions, against the budget, and what the policy would have
 * sent, before a release manager switches auto-send on (issue 21, self-calibration).
 */
@Path("/dashboard/notice-policy")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class NoticePolicyPageResource {

    /** The form's fields. */
    public record Form(boolean autoSend, String minSeverity, String audience, String subject, String body) {
    }

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance noticePolicy(Viewer viewer, List<String> products, String product, Form form,
                boolean stored, CalibrationView check, List<String> errors, String message);

        static native TemplateInstance calibration(Viewer viewer, CalibrationView check, String next);
    }

    private static final String PLAIN_SUBJECT = "Please wait with {product} {version}";
    private static final String PLAIN_BODY = """
            Customers running {product} {version} report "{symptom}".

            You run {installedVersion}. Until we ship a fix, please do not upgrade to {version}.""";

    private final DashboardAccess access;
    private final NoticePolicies policies;
    private final AutoSendCheck checks;
    private final ReleaseCatalog catalog;
    private final ObjectMapper json;

    NoticePolicyPageResource(DashboardAccess access, NoticePolicies policies, AutoSendCheck checks,
            ReleaseCatalog catalog, ObjectMapper json) {
        this.access = access;
        this.policies = policies;
        this.checks = checks;
        this.catalog = catalog;
        this.json = json;
    }

    @GET
    public Response page(@QueryParam("product") String product, @QueryParam("saved") String saved) {
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        List<String> products = catalog.products();
        String p = product == null || product.isBlank() ? (products.isEmpty() ? null : products.get(0)) : product;
        if (p != null && !products.contains(p)) {
            throw ProblemException.notFound("No product '" + p + "' is known.");
        }
        return render(viewer, products, p, null, List.of(), saved == null ? null : "Policy saved.", 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("product") String product, @FormParam("autoSend") String autoSend,
            @FormParam("minSeverity") String minSeverity, @FormParam("audience") String audience,
            @FormParam("subject") String subject, @FormParam("body") String body, @FormParam("csrf") String csrf) {
        Viewer viewer = access.requireForm(csrf, Roles.RELEASE_MANAGER);
        List<String> products = catalog.products();
        Form form = new Form(autoSend != null, minSeverity, audience, subject, body);
        if (product == null || !Keys.isProduct(product) || !products.contains(product)) {
            throw ProblemException.notFound("No product '" + product + "' is known.");
        }
        ObjectNode request = json.createObjectNode();
        request.put("autoSend", form.autoSend());
        request.put("minSeverity", minSeverity);
        request.put("audience", audience);
        request.put("subject", subject);
        request.put("body", body == null ? null : body.replace("\r\n", "\n"));
        // the form does not edit translations: a policy keeps the ones it has (set over the API)
        policies.find(product).filter(was -> !was.translations().isEmpty())
                .ifPresent(was -> request.set("translations", json.valueToTree(was.translations())));
        try {
            policies.save(product, NoticePolicy.parse(request), viewer.name());
            return Response.seeOther(URI.create("/dashboard/notice-policy?product=" + product + "&saved=1")).build();
        } catch (ProblemException e) {
            return render(viewer, products, product, form, AlertsPageResource.errors(e), null, e.status());
        }
    }

    /** The estimate's part of the page alone: polled while a check runs. */
    @GET
    @Path("/calibration")
    public Response calibration(@QueryParam("product") String product, @QueryParam("next") String next) {
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        if (product == null || !catalog.products().contains(product)) {
            throw ProblemException.notFound("No product '" + product + "' is known.");
        }
        return Pages.html(200, Templates.calibration(viewer, view(checks, product, policies.find(product).orElse(null)),
                "backtests".equals(next) ? "backtests" : "notice-policy"));
    }

    /** Starts the false-alert check of the product in the background and goes back to the form. */
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@FormParam("product") String product, @FormParam("next") String next,
            @FormParam("csrf") String csrf) {
        access.requireForm(csrf, Roles.RELEASE_MANAGER);
        if (product == null || !Keys.isProduct(product)) {
            throw ProblemException.notFound("No product '" + product + "' is known.");
        }
        checks.start(product);
        String back = "backtests".equals(next) ? "/dashboard/backtests?product=" : "/dashboard/notice-policy?product=";
        return Response.seeOther(URI.create(back + product + "#calibration")).build();
    }

    private Response render(Viewer viewer, List<String> products, String product, Form posted, List<String> errors,
            String message, int status) {
        NoticePolicy stored = product == null ? null : policies.find(product).orElse(null);
        Form form = posted != null ? posted : stored != null
                ? new Form(stored.autoSend(), stored.minSeverity().name(), stored.audience().name(), stored.subject(),
                        stored.body())
                : new Form(false, Severity.HIGH.name(), Audience.INSTALLED.name(), PLAIN_SUBJECT, PLAIN_BODY);
        CalibrationView check = product == null ? null : view(checks, product, stored);
        return Pages.html(status, Templates.noticePolicy(viewer, products, product, form, stored != null, check,
                errors, message));
    }

    /** The product's latest check as a page shows it, for its policy's severity and audience (or HIGH, INSTALLED). */
    static CalibrationView view(AutoSendCheck checks, String product, NoticePolicy policy) {
        Severity severity = policy == null ? Severity.HIGH : policy.minSeverity();
        Audience audience = policy == null ? Audience.INSTALLED : policy.audience();
        return checks.latest(product).map(c -> CalibrationView.of(c, checks.budget(), severity, audience))
                .orElseGet(() -> CalibrationView.none(product, checks.budget()));
    }

}

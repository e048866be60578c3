package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.detection.BacktestService;
import io.releaseradar.notices.AutoSendCheck;
import io.releaseradar.notices.NoticePolicies;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Roles;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Runs the evaluator over a product's history, hour by hour, and shows when alerts would have opened. */
@Path("/dashboard/backtests")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class BacktestPageResource {

    /** One alert the replay would have opened. */
    public record Opened(String version, String openedAt, String severity, String summary) {
    }

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance backtests(Viewer viewer, List<String> products, String product, String from,
                String to, List<Opened> opened, Integer evaluations, List<String> errors, CalibrationView check);
    }

    private final DashboardAccess access;
    private final BacktestService backtests;
    private final ReleaseCatalog catalog;
    private final InstantSource clock;
    private final AutoSendCheck checks;
    private final NoticePolicies policies;

    BacktestPageResource(DashboardAccess access, BacktestService backtests, ReleaseCatalog catalog,
            InstantSource clock, AutoSendCheck checks, NoticePolicies policies) {
        this.checks = checks;
        this.policies = policies;
        this.access = access;
        this.backtests = backtests;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GET
    public Response page(@QueryParam("product") String product, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Viewer viewer = access.require(Roles.RELEASE_MANAGER);
        List<String> products = catalog.products();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String fromText = from == null ? today.minusDays(14).toString() : from;
        String toText = to == null ? today.toString() : to;
        if (product == null || product.isBlank()) {
            String first = products.isEmpty() ? "" : products.get(0);
            return Pages.html(200, Templates.backtests(viewer, products, first, fromText, toText, null, null,
                    List.of(), first.isEmpty() ? null : check(first)));
        }
        // the false-alert estimate of the product, from its latest check (never computed while the page waits)
        CalibrationView check = products.contains(product) ? check(product) : null;
        Instant start;
        Instant end;
        try {
            start = LocalDate.parse(fromText).atStartOfDay(ZoneOffset.UTC).toInstant();
            end = LocalDate.parse(toText).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return Pages.html(400, Templates.backtests(viewer, products, product, fromText, toText, null, null,
                    List.of("Dates are written YYYY-MM-DD."), check));
        }
        try {
            BacktestService.Result r = backtests.run(product, start, end, Duration.ofHours(1));
            List<Opened> opened = r.alerts().stream().map(a -> new Opened(a.version() == null ? "all versions"
                    : a.version(), Numbers.instant(a.openedAt()), a.severity().name(), a.summary())).toList();
            return Pages.html(200, Templates.backtests(viewer, products, product, fromText, toText, opened,
                    r.evaluations(), List.of(), check));
        } catch (ProblemException e) {
            return Pages.html(e.status(), Templates.backtests(viewer, products, product, fromText, toText, null, null,
                    AlertsPageResource.errors(e), check));
        }
    }

    private CalibrationView check(String product) {
        return NoticePolicyPageResource.view(checks, product, policies.find(product).orElse(null));
    }
}

package io.releaseradar.dashboard;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.HealthService;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.VersionHealth;
import io.releaseradar.platform.Roles;
import io.releaseradar.releases.ReleaseCatalog;
import io.releaseradar.releases.ReleaseView;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The overview: every product with its versions, newest first, their health and open alerts. */
@Path("/dashboard")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class OverviewResource {

    /**
     * One version's line; {@code attention}: it is at risk or critical, or has an alert still open or acknowledged
     * (what the product's header counts).
     */
    public record VersionRow(String product, String version, String releasedAt, Badge badge, boolean attention,
            String activeInstalls, String adoption, String contactRate, String baselineRate, String rateRatio,
            int riskScore, int openAlerts, String topSeverity, String topSignal) {
    }

    /** One product's table. */
    public record ProductTable(String product, List<VersionRow> versions, int badVersions, int openAlerts) {
    }

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance overview(Viewer viewer, List<ProductTable> products);
    }

    static final String[] VIEWERS = {Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD};

    private final DashboardAccess access;
    private final ReleaseCatalog catalog;
    private final HealthService health;
    private final AlertService alerts;

    OverviewResource(DashboardAccess access, ReleaseCatalog catalog, HealthService health, AlertService alerts) {
        this.access = access;
        this.catalog = catalog;
        this.health = health;
        this.alerts = alerts;
    }

    @GET
    public String overview(@QueryParam("product") String only) {
        Viewer viewer = access.require(VIEWERS);
        List<ProductTable> tables = new ArrayList<>();
        for (String product : catalog.products()) {
            if (only != null && !only.isBlank() && !only.equals(product)) {
                continue;
            }
            tables.add(table(product));
        }
        // products with something wrong first, then by name
        tables.sort(Comparator.comparingInt(ProductTable::badVersions).reversed()
                .thenComparing(ProductTable::product));
        return Templates.overview(viewer, tables).render();
    }

    private ProductTable table(String product) {
        List<ReleaseView> releases = catalog.list(product);
        Map<String, VersionHealth> healths = health.latest(product);
        // the active ones only: closed alerts pile up over the years and the overview never shows them
        List<AlertView> active = new ArrayList<>(alerts.list(product, null, AlertView.Status.OPEN));
        active.addAll(alerts.list(product, null, AlertView.Status.ACKNOWLEDGED));
        long installs = healths.values().stream().mapToLong(VersionHealth::activeInstalls).sum();
        List<VersionRow> rows = new ArrayList<>();
        int bad = 0;
        for (ReleaseView r : releases) {
            VersionHealth h = healths.get(r.version());
            List<AlertView> mine = active.stream().filter(a -> r.version().equals(a.version())).toList();
            Badge badge = Badge.of(h);
            boolean attention = badge.bad() || !mine.isEmpty();
            if (attention) {
                bad++;
            }
            String top = mine.stream().map(AlertView::severity).max(Comparator.naturalOrder()).map(Severity::name)
                    .orElse("");
            String signal = h == null || h.topSignals().isEmpty() || h.topSignals().get(0).symptom() == null ? ""
                    : SymptomWords.of(h.topSignals().get(0).symptom());
            rows.add(new VersionRow(product, r.version(), Numbers.day(r.releasedAt()), badge, attention,
                    h == null ? "—" : Numbers.count(h.activeInstalls()),
                    h == null || installs == 0 ? "—" : Numbers.percent((double) h.activeInstalls() / installs),
                    h == null ? "—" : Numbers.rate(h.contactRate()), h == null ? "—" : Numbers.rate(h.baselineRate()),
                    h == null ? "—" : Numbers.ratio(h.rateRatio()), h == null ? 0 : h.riskScore(), mine.size(), top,
                    signal));
        }
        return new ProductTable(product, rows, bad, active.size());
    }
}

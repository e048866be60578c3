package io.releaseradar.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.HealthService;
import io.releaseradar.detection.RateHistoryService;
import io.releaseradar.detection.core.RateSeries;
import io.releaseradar.detection.core.VersionHealth;
import io.releaseradar.notices.NoticeService;
import io.releaseradar.notices.NoticeView;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.releases.ReleaseCatalog;
import io.releaseradar.releases.ReleaseView;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One version: its health, the contact-rate chart against the baseline, its signals, verbatims, alerts, notices. */
@Path("/dashboard/products/{product}/versions/{version}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class VersionPageResource {

    /** The page's facts about the version. */
    public record Facts(String product, String version, String releasedAt, String previousVersion, Badge badge,
            String activeInstalls, String contactRate, String baselineRate, String rateRatio, int riskScore,
            boolean enoughData, String asOf) {
    }

    /** One alert line. */
    public record AlertLine(String id, String severity, String status, String openedAt, String summary,
            boolean active) {
    }

    /** One notice line. */
    public record NoticeLine(String id, String status, String audience, String subject, int sent, int audienceSize,
            boolean auto) {
    }

    /** One row of the chart's table alternative. */
    public record Point(String start, String rate, String baseline, long installs) {
    }

    @CheckedTemplate(basePath = "dashboard", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance version(Viewer viewer, Facts facts, String chartJson, List<Point> points,
                List<SignalLine> signals, List<AlertView.SampleContact> samples, List<AlertLine> alerts,
                List<NoticeLine> notices, String composeAlertId);
    }

    private static final Duration MAX_RANGE = Duration.ofDays(28);

    private final DashboardAccess access;
    private final ReleaseCatalog catalog;
    private final HealthService health;
    private final RateHistoryService history;
    private final AlertService alerts;
    private final NoticeService notices;
    private final ObjectMapper json;
    private final InstantSource clock;

    VersionPageResource(DashboardAccess access, ReleaseCatalog catalog, HealthService health,
            RateHistoryService history, AlertService alerts, NoticeService notices, ObjectMapper json,
            InstantSource clock) {
        this.access = access;
        this.catalog = catalog;
        this.health = health;
        this.history = history;
        this.alerts = alerts;
        this.notices = notices;
        this.json = json;
        this.clock = clock;
    }

    @GET
    public String page(@PathParam("product") String product, @PathParam("version") String version) {
        Viewer viewer = access.require(OverviewResource.VIEWERS);
        if (!Keys.isProduct(product) || !Keys.isVersion(version)) {
            throw ProblemException.notFound("No such version.");
        }
        ReleaseView release = catalog.list(product).stream().filter(r -> r.version().equals(version)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("No release " + version + " of " + product + "."));
        VersionHealth h = health.latest(product).get(version);
        Instant asOf = h != null ? h.asOf() : clock.instant();
        List<AlertView> versionAlerts = alerts.list(product, version, null);
        AlertView current = versionAlerts.stream().filter(a -> a.status().active()).findFirst()
                .orElse(versionAlerts.isEmpty() ? null : versionAlerts.get(0));

        Instant end = asOf;
        Instant start = release.releasedAt().minus(Duration.ofDays(7));
        if (start.isBefore(end.minus(MAX_RANGE))) {
            start = end.minus(MAX_RANGE);
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(2)) < 0) {
            start = end.minus(Duration.ofDays(2));
        }
        Duration bucket = Duration.between(start, end).compareTo(Duration.ofDays(14)) <= 0 ? Duration.ofHours(6)
                : Duration.ofDays(1);
        RateSeries series = history.history(product, version, start, end, bucket);

        List<String> labels = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < series.starts().size(); i++) {
            Instant at = series.starts().get(i);
            labels.add(bucket.toHours() >= 24 ? Numbers.day(at) : Numbers.instant(at).replace(" UTC", ""));
            points.add(new Point(Numbers.instant(at), number(series.rate()[i]), number(series.baseline()[i]),
                    series.installs()[i]));
        }
        List<Map<String, Object>> markers = new ArrayList<>();
        marker(markers, series, release.releasedAt(), "released");
        for (AlertView a : versionAlerts) {
            marker(markers, series, a.openedAt(), "alert opened (" + a.severity() + ")");
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("rate", nulls(series.rate()));
        chart.put("baseline", nulls(series.baseline()));
        chart.put("installs", series.installs());
        chart.put("markers", markers);
        chart.put("version", version);

        Facts facts = new Facts(product, version, Numbers.instant(release.releasedAt()), release.previousVersion(),
                Badge.of(h), h == null ? "—" : Numbers.count(h.activeInstalls()),
                h == null ? "—" : Numbers.rate(h.contactRate()), h == null ? "—" : Numbers.rate(h.baselineRate()),
                h == null ? "—" : Numbers.ratio(h.rateRatio()), h == null ? 0 : h.riskScore(),
                h != null && h.enoughData(), h == null ? "never evaluated" : Numbers.instant(h.asOf()));
        List<SignalLine> signals = (current != null && current.status().active() ? current.signals()
                : h == null ? List.<io.releaseradar.detection.core.Signal>of() : h.topSignals()).stream()
                .map(s -> SignalLine.of(s, release.previousVersion())).toList();
        List<AlertLine> alertLines = versionAlerts.stream().map(a -> new AlertLine(a.id().toString(),
                a.severity().name(), a.status().name(), Numbers.instant(a.openedAt()), a.summary(),
                a.status().active())).toList();
        List<NoticeLine> noticeLines = notices.list(product, version).stream().map(n -> new NoticeLine(
                n.id().toString(), n.status().name(), n.audience().name(), n.subject(), n.deliveries().sent(),
                n.audienceSize(), n.auto())).toList();
        return Templates.version(viewer, facts, toJson(chart), points, signals,
                // the customers' own words are the support leads' (as GET /api/v1/alerts), not the release managers'
                current == null || !viewer.supportLead() ? List.of() : current.sampleContacts(), alertLines,
                noticeLines,
                current != null && current.status().active() ? current.id().toString() : null).render();
    }

    private static void marker(List<Map<String, Object>> markers, RateSeries series, Instant at, String label) {
        if (at == null || series.starts().isEmpty() || at.isBefore(series.starts().get(0))) {
            return;
        }
        int index = 0;
        for (int i = 0; i < series.starts().size(); i++) {
            if (!series.starts().get(i).isAfter(at)) {
                index = i;
            }
        }
        Instant last = series.starts().get(series.starts().size() - 1).plus(series.bucket());
        if (at.isBefore(last)) {
            markers.add(Map.of("index", index, "label", label));
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "—" : Numbers.rate(v);
    }

    private static List<Double> nulls(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0);
        }
        return out;
    }

    private String toJson(Object value) {
        try {
            // inside <script type="application/json"> nothing is unescaped: no markup characters at all
            return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

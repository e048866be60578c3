package io.releaseradar.notices;

import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.delivery.DeliveryStore;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.ProblemTypes;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Notices: drafted with their audience, previewed, approved (the deliveries are written then, one per customer),
 * cancelled; their progress and audit. Sending is the delivery worker's job.
 */
@ApplicationScoped
public class NoticeService {

    /** The actor of what the product's notice policy does. */
    static final String POLICY = "policy";

    private final NoticeStore store;
    private final DeliveryStore deliveries;
    private final AudienceBuilder audiences;
    private final AlertService alerts;
    private final NoticePreviews previews;
    private final ReleaseCatalog releases;
    private final InstantSource clock;

    NoticeService(NoticeStore store, DeliveryStore deliveries, AudienceBuilder audiences, AlertService alerts,
            NoticePreviews previews, ReleaseCatalog releases, InstantSource clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.audiences = audiences;
        this.alerts = alerts;
        this.previews = previews;
        this.releases = releases;
        this.clock = clock;
    }

    /** A new draft, with its audience as of now. */
    public record Created(NoticeView notice, Breakdown breakdown) {
    }

    @Transactional
    public Created create(NoticeRequest request, String actor) {
        Optional<AlertService.Subject> alert = Optional.empty();
        if (request.alertId() != null) {
            alert = alerts.subject(request.alertId());
            AlertView a = alert.map(AlertService.Subject::alert).orElseThrow(() -> invalid("alertId",
                    "no alert has this id"));
            if (!a.product().equals(request.product()) || (a.version() != null
                    && !a.version().equals(request.version()))) {
                throw invalid("alertId", "is an alert of " + a.product() + " " + (a.version() == null
                        ? "(product-wide)" : a.version()) + ", not of this notice's product and version");
            }
        }
        if (alert.isEmpty()) {
            symptomWithoutAlert(request).ifPresent(field -> {
                throw invalid(field, "uses {symptom}, the alert's symptom, but names no alertId");
            });
        }
        audiences.release(request.product(), request.version()); // 400 unless it is a known release
        Instant now = now();
        Map<String, String> fields = NoticeFields.of(request.product(), request.version(), alert.orElse(null),
                releases.list(request.product()), now);
        NoticeStore.Row row = draft(request, alert.orElse(null), false, now, now, fields);
        AudiencePlan plan = audiences.plan(row, now);
        row = withSize(row, plan.breakdown().mailed());
        store.insert(row);
        store.insertTranslations(row.id(), filled(request.translations(), fields));
        store.audit(row.id(), "CREATED", actor, now);
        return new Created(view(row), plan.breakdown());
    }

    /**
     * The product's policy at work: a notice about {@code alert}, created and approved at once, with its audience as
     * of the evaluation's {@code asOf}. Once per alert. Joins the caller's transaction.
     *
     * @return the notice, or empty when the alert has one already
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<NoticeView> createApproved(AlertService.Subject alert, NoticePolicy policy, Instant asOf) {
        AlertView a = alert.alert();
        NoticeRequest request = new NoticeRequest(a.product(), a.version(), a.id(), policy.audience(),
                policy.subject(), policy.body(), policy.translations());
        Map<String, String> fields = NoticeFields.of(a.product(), a.version(), alert, releases.list(a.product()),
                asOf);
        NoticeStore.Row row = draft(request, alert, true, asOf, now(), fields);
        if (!store.insert(row)) {
            return Optional.empty();
        }
        store.insertTranslations(row.id(), filled(request.translations(), fields));
        store.audit(row.id(), "CREATED", POLICY, row.createdAt());
        alerts.recordAutoNotice(a.id(), row.id());
        return Optional.of(approveLocked(row, POLICY));
    }

    /** Starts sending. Approving again is harmless: the same notice comes back, nothing is written twice. */
    @Transactional
    public NoticeView approve(UUID id, String actor) {
        NoticeStore.Row row = locked(id);
        return switch (row.status()) {
            case SENDING, SENT -> view(row);
            case CANCELLED -> throw conflict("The notice was cancelled; create a new one to send it.");
            case DRAFT -> approveLocked(row, actor);
        };
    }

    private NoticeView approveLocked(NoticeStore.Row row, String actor) {
        Instant now = now();
        // A policy notice's audience is the evaluation's; a manual one's is the install base at approval.
        Instant asOf = row.auto() ? row.audienceAsOf() : now;
        audiences.lockProduct(row.product()); // one approval per product at a time: the frequency cap holds
        AudiencePlan plan = audiences.plan(row, asOf);
        deliveries.insert(row.id(), plan.entries().stream().map(e -> new DeliveryStore.Planned(e.customerId(),
                e.group().name(), e.runningVersion(), e.suppression() == null ? null : e.suppression().name()))
                .toList(), now);
        int mailed = plan.breakdown().mailed();
        NoticeView.Status status = mailed > 0 ? NoticeView.Status.SENDING : NoticeView.Status.SENT;
        store.approve(row.id(), status, mailed, asOf, now);
        store.audit(row.id(), "APPROVED", actor, now);
        if (status == NoticeView.Status.SENT) {
            store.audit(row.id(), "SENT", "system", now);
        }
        return get(row.id());
    }

    /** Stops sending: deliveries not yet handed to SMTP are cancelled. Cancelling again is harmless. */
    @Transactional
    public NoticeView cancel(UUID id, String actor) {
        NoticeStore.Row row = locked(id);
        switch (row.status()) {
            case CANCELLED -> {
                return view(row);
            }
            case SENT -> throw conflict("The notice was sent already; there is nothing left to cancel.");
            default -> {
                Instant now = now();
                deliveries.cancelPending(id);
                store.cancel(id, now);
                store.audit(id, "CANCELLED", actor, now);
                return get(id);
            }
        }
    }

    @Transactional
    public NoticeView get(UUID id) {
        return view(store.byId(id, false).orElseThrow(() -> notFound(id)));
    }

    /** Newest first. */
    @Transactional
    public List<NoticeView> list(String product, String version) {
        return store.list(product, version).stream().map(this::view).toList();
    }

    /**
     * The audience broken down, the mail as one customer would get it ({@code customerId}, or the first mailed
     * customer) and one mail per language with how many customers get it. A draft's audience is taken as of now; an
     * approved notice's is what approval wrote.
     */
    @Transactional
    public NoticePreview preview(UUID id, String customerId) {
        return previews.preview(store.byId(id, false).orElseThrow(() -> notFound(id)), customerId, now());
    }

    /** The field a text without an alert uses {symptom} in, if any. */
    private static Optional<String> symptomWithoutAlert(NoticeRequest r) {
        if (NoticeText.uses(r.subject(), "symptom")) {
            return Optional.of("subject");
        }
        if (NoticeText.uses(r.body(), "symptom")) {
            return Optional.of("body");
        }
        for (Map.Entry<String, Translation> t : r.translations().entrySet()) {
            if (NoticeText.uses(t.getValue().subject(), "symptom") || NoticeText.uses(t.getValue().body(),
                    "symptom")) {
                return Optional.of("translations." + t.getKey());
            }
        }
        return Optional.empty();
    }

    private static Map<String, Translation> filled(Map<String, Translation> translations, Map<String, String> fields) {
        Map<String, Translation> out = new TreeMap<>();
        translations.forEach((tag, t) -> out.put(tag, new Translation(NoticeText.fill(t.subject(), fields),
                NoticeText.fill(t.body(), fields))));
        return out;
    }

    private NoticeStore.Row draft(NoticeRequest r, AlertService.Subject alert, boolean auto, Instant asOf,
            Instant createdAt, Map<String, String> fields) {
        return new NoticeStore.Row(UUID.randomUUID(), r.product(), r.version(), r.alertId(), r.audience(),
                NoticeText.fill(r.subject(), fields), NoticeText.fill(r.body(), fields), NoticeView.Status.DRAFT, 0,
                asOf.truncatedTo(ChronoUnit.MICROS), alert == null ? null : alert.symptom(),
                alert != null && alert.alert().severity() == Severity.CRITICAL, auto, createdAt, null, null);
    }

    private static NoticeStore.Row withSize(NoticeStore.Row r, int size) {
        return new NoticeStore.Row(r.id(), r.product(), r.version(), r.alertId(), r.audience(), r.subject(),
                r.body(), r.status(), size, r.audienceAsOf(), r.symptom(), r.critical(), r.auto(), r.createdAt(),
                r.approvedAt(), r.finishedAt());
    }

    private NoticeView view(NoticeStore.Row r) {
        Map<String, Integer> c = deliveries.counts(r.id());
        NoticeView.Deliveries counts = new NoticeView.Deliveries(c.getOrDefault("PENDING", 0),
                c.getOrDefault("SENT", 0), c.getOrDefault("FAILED", 0), c.getOrDefault("SUPPRESSED", 0),
                c.getOrDefault("CANCELLED", 0));
        return new NoticeView(r.id(), r.product(), r.version(), r.alertId(), r.audience(), r.subject(), r.body(),
                store.translationsOf(r.id()), r.status(), r.audienceSize(), r.audienceAsOf(), r.auto(), r.createdAt(), r.approvedAt(),
                r.finishedAt(), counts, store.auditOf(r.id()));
    }

    private NoticeStore.Row locked(UUID id) {
        return store.byId(id, true).orElseThrow(() -> notFound(id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ProblemException invalid(String field, String message) {
        return ProblemException.invalid("The notice has invalid fields.", List.of(new Problem.FieldError(field,
                message)));
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, ProblemTypes.CONFLICT, "Conflict", detail, null);
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No notice has id " + id + ".");
    }
}

package io.releaseradar.alerts;

import io.releaseradar.alerts.AlertChanged.Change;
import io.releaseradar.alerts.AlertView.Status;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Alerts: one active alert per (product, version), opened and updated by evaluations ({@link #apply}), acknowledged,
 * resolved and dismissed by support leads. Every change fires {@link AlertChanged} inside its transaction, so that
 * subscribers' outbox rows commit or roll back with it.
 */
@ApplicationScoped
public class AlertService {

    /** Tries per finding: a lost race for the active slot is re-decided against the winner's alert. */
    private static final int ATTEMPTS = 3;

    private final AlertStore store;
    private final Event<AlertChanged> changed;
    private final AlertLifecycle lifecycle;

    AlertService(AlertStore store, Event<AlertChanged> changed, AlertsConfig config) {
        this.store = store;
        this.changed = changed;
        this.lifecycle = new AlertLifecycle(config.dismissedReopenFactor());
    }

    /**
     * Applies the findings of one evaluation of {@code product} as of {@code asOf} (event time: an opened alert's
     * openedAt and a changed alert's updatedAt). Joins the caller's transaction. Applying the same findings for the
     * same asOf again changes nothing.
     *
     * @param samples verbatim contacts for an alert about a finding; asked only for alerts that open or change
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AlertChanges apply(String product, Instant asOf, List<Finding> findings,
            Function<Finding, List<AlertView.SampleContact>> samples) {
        // PostgreSQL keeps microseconds: the views handed out and fired equal what a later read returns.
        Instant at = asOf.truncatedTo(ChronoUnit.MICROS);
        List<AlertView> opened = new ArrayList<>();
        List<AlertView> updated = new ArrayList<>();
        // One lock order for every caller, so that two replicas evaluating the product cannot deadlock.
        List<Finding> ordered = findings.stream()
                .sorted(Comparator.comparing(f -> AlertStore.versionKey(f.version()))).toList();
        for (Finding f : ordered) {
            if (!product.equals(f.product())) {
                throw new IllegalArgumentException("finding of " + f.product() + " applied to " + product);
            }
            applyOne(f, at, samples, opened, updated);
        }
        return new AlertChanges(opened, updated);
    }

    private void applyOne(Finding f, Instant asOf, Function<Finding, List<AlertView.SampleContact>> samples,
            List<AlertView> opened, List<AlertView> updated) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<AlertStore.Row> latest = store.latestForUpdate(f.product(), f.version());
            AlertLifecycle.Decision d = lifecycle.decide(latest.map(AlertStore.Row::latest).orElse(null), f, asOf);
            switch (d.action()) {
                case NONE -> {
                    return;
                }
                case UPDATE -> {
                    AlertView before = latest.orElseThrow().view();
                    Instant updatedAt = asOf.isAfter(before.updatedAt()) ? asOf : before.updatedAt();
                    List<AlertView.SampleContact> quoted = List.copyOf(samples.apply(f));
                    AlertView after = new AlertView(before.id(), before.product(), before.version(), d.severity(),
                            before.status(), before.openedAt(), updatedAt,
                            AlertSamples.summaryInCustomersWords(f, quoted), f.signals(), quoted, before.regressed(),
                            before.reason(), before.rolloutHoldRequestedAt(), before.autoNoticeId());
                    store.updateEvidence(after, d.score(), f.symptom());
                    updated.add(after);
                    changed.fire(new AlertChanged(after, Change.UPDATED, before.severity()));
                    return;
                }
                case OPEN, OPEN_REGRESSED -> {
                    List<AlertView.SampleContact> quoted = List.copyOf(samples.apply(f));
                    AlertView alert = new AlertView(UUID.randomUUID(), f.product(), f.version(), d.severity(),
                            Status.OPEN, asOf, asOf, AlertSamples.summaryInCustomersWords(f, quoted), f.signals(),
                            quoted, d.action() == AlertLifecycle.Action.OPEN_REGRESSED, null, null, null);
                    if (store.insertIfNoneActive(alert, d.score(), f.symptom())) {
                        opened.add(alert);
                        changed.fire(new AlertChanged(alert, Change.OPENED, null));
                        return;
                    }
                    // Someone else opened it meanwhile: decide again against their alert.
                }
                default -> throw new IllegalStateException("unknown action " + d.action());
            }
        }
        throw new IllegalStateException("The alert of " + f.product() + " " + f.version() + " kept changing under "
                + "this evaluation; giving up after " + ATTEMPTS + " attempts");
    }

    /**
     * Alerts newest first, filtered by product, version and status when given.
     *
     * @param versionKey a version, {@code ""} for product-wide alerts only, null for all
     */
    @Transactional
    public List<AlertView> list(String product, String versionKey, Status status) {
        return store.list(product, versionKey, status);
    }

    /** One alert; 404 when there is none with this id. */
    @Transactional
    public AlertView get(UUID id) {
        return store.byId(id, false).map(AlertStore.Row::view).orElseThrow(() -> notFound(id));
    }

    /**
     * Records that a pause of the alert's version's rollout was queued at {@code at}, unless one was recorded before.
     * Joins the transaction that changed the alert and queued the request.
     *
     * @return whether it was recorded now (false: recorded before, or no such alert)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordRolloutHoldRequested(UUID id, Instant at) {
        return store.recordRolloutHoldRequested(id, at.truncatedTo(ChronoUnit.MICROS));
    }

    /** An OPEN alert is being looked at. {@code reason} is optional. */
    @Transactional
    public AlertView acknowledge(UUID id, String reason, Instant now) {
        return move(id, Status.ACKNOWLEDGED, Change.ACKNOWLEDGED, reason, now);
    }

    /** The problem behind an active alert is fixed; if its symptom returns, a new alert opens marked regressed. */
    @Transactional
    public AlertView resolve(UUID id, String reason, Instant now) {
        return move(id, Status.RESOLVED, Change.RESOLVED, reason, now);
    }

    /** An active alert is not a problem; the same evidence will not open it again. {@code reason} is required. */
    @Transactional
    public AlertView dismiss(UUID id, String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("Say why the alert is dismissed.",
                    List.of(new Problem.FieldError("reason", "is required")));
        }
        return move(id, Status.DISMISSED, Change.DISMISSED, reason, now);
    }

    private AlertView move(UUID id, Status to, Change change, String reason, Instant when) {
        Instant now = when.truncatedTo(ChronoUnit.MICROS);
        AlertStore.Row row = store.byId(id, true).orElseThrow(() -> notFound(id));
        AlertView before = row.view();
        if (before.status() == to) {
            return before; // a repeated call, e.g. a retry after a timeout: nothing more to do
        }
        if (!AlertLifecycle.canMove(before.status(), to)) {
            throw new ProblemException(409, ProblemTypes.CONFLICT, "Conflict", String.format(Locale.ROOT,
                    "The alert is %s; only an OPEN%s alert can be %s.", before.status(),
                    to == Status.ACKNOWLEDGED ? "" : " or ACKNOWLEDGED", to.name().toLowerCase(Locale.ROOT)),
                    null);
        }
        Instant closedAt = to == Status.ACKNOWLEDGED ? null : now;
        store.updateStatus(id, to, reason, now, closedAt);
        AlertView after = new AlertView(before.id(), before.product(), before.version(), before.severity(), to,
                before.openedAt(), now, before.summary(), before.signals(), before.sampleContacts(),
                before.regressed(), reason, before.rolloutHoldRequestedAt(), before.autoNoticeId());
        changed.fire(new AlertChanged(after, change, before.severity()));
        return after;
    }

    /** What a notice needs of an alert: the alert, and the symptom its evidence is about (null: all contacts). */
    public record Subject(AlertView alert, String symptom) {
    }

    /** The alert and its symptom; empty when there is no alert with this id. */
    @Transactional
    public Optional<Subject> subject(UUID id) {
        return store.byId(id, false).map(row -> new Subject(row.view(),
                store.symptomOf(id).flatMap(symptom -> symptom).orElse(null)));
    }

    /** The product's notice policy created {@code noticeId} for this alert. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAutoNotice(UUID alertId, UUID noticeId) {
        store.recordAutoNotice(alertId, noticeId);
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No alert has id " + id + ".");
    }
}

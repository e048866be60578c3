package io.releaseradar.notices;

import io.releaseradar.detection.SymptomConfig;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.ingest.ContactHistory;
import io.releaseradar.installbase.Recipients;
import io.releaseradar.installbase.Recipients.Recipient;
import io.releaseradar.notices.delivery.DeliveryStore;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.releases.ReleaseCatalog;
import io.releaseradar.releases.ReleaseView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A notice's audience from the install base at an instant (event time), less the customers who must not be mailed:
 * the sources {@link AudiencePlan} decides on.
 */
@ApplicationScoped
class AudienceBuilder {

    private final ReleaseCatalog releases;
    private final Recipients recipients;
    private final ContactHistory contacts;
    private final DeliveryStore deliveries;
    private final NoticesConfig config;
    private final Map<String, String> categoryAliases;
    private final EntityManager em;
    private final InstantSource clock;

    AudienceBuilder(ReleaseCatalog releases, Recipients recipients, ContactHistory contacts, DeliveryStore deliveries,
            NoticesConfig config, SymptomConfig symptoms, EntityManager em, InstantSource clock) {
        this.releases = releases;
        this.recipients = recipients;
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.config = config;
        this.categoryAliases = new Symptoms(symptoms.maxPhrases(), symptoms.categoryAliases()).categoryAliases();
        this.em = em;
        this.clock = clock;
    }

    /** The release a notice is about; a 400 naming the field when the product or version is not known. */
    ReleaseView release(String product, String version) {
        List<ReleaseView> all;
        try {
            all = releases.list(product);
        } catch (ProblemException e) {
            throw NoticeService.invalid("product", "is not a known product");
        }
        return all.stream().filter(r -> r.version().equals(version)).findFirst()
                .orElseThrow(() -> NoticeService.invalid("version", "is not a release of " + product));
    }

    AudiencePlan plan(NoticeStore.Row n, Instant asOf) {
        List<ReleaseView> all = releases.list(n.product());
        ReleaseView target = all.stream().filter(r -> r.version().equals(n.version())).findFirst()
                .orElseThrow(() -> new IllegalStateException("release " + n.product() + " " + n.version()
                        + " is gone"));
        // Earlier: released before the notice's version. A version missing from the catalogue has no place in the
        // order, so its customers are in no audience but INSTALLED of it.
        List<String> earlier = all.stream().filter(r -> r.releasedAt().isBefore(target.releasedAt()))
                .map(ReleaseView::version).toList();
        List<Recipient> running = n.audience().includes(Audience.INSTALLED)
                ? recipients.running(n.product(), List.of(n.version()), asOf) : List.of();
        List<Recipient> before = n.audience().includes(Audience.NOT_YET_UPGRADED)
                ? recipients.running(n.product(), earlier, asOf) : List.of();
        Set<String> inTouch = config.suppressInTouch() && n.alertId() != null
                ? contacts.firstReports(n.product(), n.version(), n.symptom(), categoryAliases,
                        target.releasedAt(), asOf).keySet()
                : Set.of();
        Set<String> capped = Set.of();
        if (!n.critical() && !config.frequencyCap().isZero()) {
            List<String> ids = new ArrayList<>();
            running.forEach(r -> ids.add(r.customerId()));
            before.forEach(r -> ids.add(r.customerId()));
            // Deliveries happen in wall-clock time, whatever instant the audience is taken at.
            capped = deliveries.notifiedSince(n.product(), ids, clock.instant().minus(config.frequencyCap()), n.id());
        }
        return AudiencePlan.of(n.audience(), running, before, inTouch, capped);
    }

    /** Serialises approvals of one product's notices until the transaction ends, so the frequency cap holds. */
    void lockProduct(String product) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('notice-approval:' || ?1))")
                .setParameter(1, product).getSingleResult();
    }

    /** An approved notice's breakdown, from its deliveries. */
    Breakdown breakdownOf(UUID noticeId) {
        int installed = 0;
        int notYetUpgraded = 0;
        Map<Suppression, Integer> suppressed = new EnumMap<>(Suppression.class);
        for (DeliveryStore.GroupCount g : deliveries.groupCounts(noticeId)) {
            if ("SUPPRESSED".equals(g.state())) {
                suppressed.merge(Suppression.valueOf(g.reason()), g.count(), Integer::sum);
            } else if (Audience.INSTALLED.name().equals(g.group())) {
                installed += g.count();
            } else {
                notYetUpgraded += g.count();
            }
        }
        return new Breakdown(installed, notYetUpgraded, suppressed);
    }

    /**
     * The customer a preview shows: {@code customerId} if in the audience, else the first mailed one.
     *
     * @param entries a draft's plan; null for an approved notice (its deliveries are read)
     */
    Optional<AudiencePlan.Entry> sampleRecipient(NoticeStore.Row n, List<AudiencePlan.Entry> entries,
            String customerId) {
        if (entries != null) {
            return entries.stream().filter(e -> customerId != null ? e.customerId().equals(customerId)
                    : e.suppression() == null).findFirst();
        }
        return deliveries.one(n.id(), customerId).map(p -> new AudiencePlan.Entry(p.customerId(),
                Audience.valueOf(p.group()), p.runningVersion(),
                p.suppression() == null ? null : Suppression.valueOf(p.suppression())));
    }
}

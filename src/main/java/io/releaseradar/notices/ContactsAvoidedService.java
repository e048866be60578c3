package io.releaseradar.notices;

import io.releaseradar.detection.SymptomConfig;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.ingest.ContactHistory;
import io.releaseradar.installbase.Recipients;
import io.releaseradar.notices.delivery.DeliveryStore;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Counts the contacts a notice avoided. Notified: customers the notice was sent to. Not notified: customers running
 * the version when the notice was approved who were not sent it (opted out, in touch, capped, failed). A contact
 * counts when it is about the alert's symptom on the version, received from the approval on; a customer who called
 * between approval and their own mail counts as contacted (the notice did not spare that call).
 */
@ApplicationScoped
class ContactsAvoidedService {

    private final NoticeStore notices;
    private final DeliveryStore deliveries;
    private final Recipients recipients;
    private final ContactHistory contacts;
    private final Map<String, String> categoryAliases;
    private final InstantSource clock;

    ContactsAvoidedService(NoticeStore notices, DeliveryStore deliveries, Recipients recipients,
            ContactHistory contacts, SymptomConfig symptoms, InstantSource clock) {
        this.notices = notices;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.contacts = contacts;
        this.categoryAliases = new Symptoms(symptoms.maxPhrases(), symptoms.categoryAliases()).categoryAliases();
        this.clock = clock;
    }

    /** @param asOf contacts received before it count; null: now */
    @Transactional
    ContactsAvoided of(UUID id, Instant asOf) {
        NoticeStore.Row n = notices.byId(id, false)
                .orElseThrow(() -> ProblemException.notFound("No notice has id " + id + "."));
        if (n.approvedAt() == null) {
            throw new ProblemException(409, ProblemTypes.CONFLICT, "Conflict",
                    "The notice is a draft or was cancelled before approval: it reached nobody yet.", null);
        }
        Instant to = asOf != null ? asOf : clock.instant();
        Set<String> notified = deliveries.sent(id).keySet();
        Set<String> contacted = contacts.firstReports(n.product(), n.version(), n.symptom(), categoryAliases,
                n.approvedAt(), to).keySet();
        List<String> notNotified = recipients.running(n.product(), List.of(n.version()), n.audienceAsOf()).stream()
                .map(Recipients.Recipient::customerId).filter(c -> !notified.contains(c)).toList();
        int notifiedContacted = (int) notified.stream().filter(contacted::contains).count();
        int otherContacted = (int) notNotified.stream().filter(contacted::contains).count();
        return new ContactsAvoided(id, n.symptom(), n.approvedAt(), to,
                ContactsAvoided.Group.of(notified.size(), notifiedContacted),
                ContactsAvoided.Group.of(notNotified.size(), otherContacted));
    }
}

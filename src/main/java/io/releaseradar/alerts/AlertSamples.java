package io.releaseradar.alerts;

import io.releaseradar.detection.SymptomConfig;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.PhraseExtractor;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.ingest.ContactSamples;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sample contacts of an alert: verbatim contacts of the finding's version (any version for a product-wide
 * finding) with its symptom, from its strongest signal's window up to {@code asOf}. Pass {@link #asOf} to
 * {@link AlertService#apply}.
 */
@ApplicationScoped
public class AlertSamples {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final ContactSamples contacts;
    private final AlertsConfig config;
    /** Category renames as the rollups apply them, so that a renamed category's old contacts are quoted too. */
    private final Map<String, String> categoryAliases;

    AlertSamples(ContactSamples contacts, AlertsConfig config, SymptomConfig symptoms) {
        this.contacts = contacts;
        this.config = config;
        this.categoryAliases = new Symptoms(symptoms.maxPhrases(), symptoms.categoryAliases()).categoryAliases();
    }

    /**
     * The finding's summary with its key phrase as the sample contacts wrote it most often: {@code "lost notes"} or
     * {@code "cannot find template"} where the key, which merges spellings, reads {@code "lost note"} or
     * {@code "canot find template"}. The summary as it is for other symptoms, or when no sample's subject has the
     * phrase.
     */
    static String summaryInCustomersWords(Finding finding, List<AlertView.SampleContact> samples) {
        String phrase = finding.symptom();
        if (Symptoms.display(phrase) == null || Symptoms.isCategory(phrase)) {
            return finding.summary();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AlertView.SampleContact sample : samples) {
            PhraseExtractor.wording(phrase, sample.subject()).ifPresent(w -> counts.merge(w, 1, Integer::sum));
        }
        String quoted = "\"" + phrase + "\"";
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()) // the first of equals
                .map(e -> finding.summary().replace(quoted, "\"" + e.getKey() + "\""))
                .orElse(finding.summary());
    }

    /** Samples for the findings of an evaluation as of {@code asOf}; reads only contacts received before it. */
    public Function<Finding, List<AlertView.SampleContact>> asOf(Instant asOf) {
        return finding -> {
            // The evaluator's windows end at the last complete hour; the contacts since then are the freshest.
            Duration window = finding.signals().isEmpty() ? DEFAULT_WINDOW : finding.signals().get(0).window();
            Instant from = asOf.truncatedTo(ChronoUnit.HOURS).minus(window);
            return contacts.find(finding.product(), finding.version(), finding.symptom(), categoryAliases, from,
                            asOf, config.sampleContacts()).stream()
                    .map(c -> new AlertView.SampleContact(c.source(), c.externalId(), c.receivedAt(), c.subject()))
                    .toList();
        };
    }
}

package io.releaseradar.notices;

import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.PhraseExtractor;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.releases.ReleaseView;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a notice's own placeholders ({@code {product} {version} {symptom} {fixVersion}}), as of the instant
 * the notice is created. Plain logic over the alert and the release catalogue.
 */
final class NoticeFields {

    /** What {symptom} says when the alert is about all contacts rather than one symptom. */
    static final String ANY_PROBLEM = "problems";

    private NoticeFields() {
    }

    /**
     * @param alert null for a notice about no alert (then {symptom} is not allowed)
     * @param releases the product's releases
     */
    static Map<String, String> of(String product, String version, AlertService.Subject alert,
            List<ReleaseView> releases, Instant asOf) {
        Map<String, String> fields = new HashMap<>();
        fields.put("product", product);
        fields.put("version", version);
        fields.put("fixVersion", fixVersion(version, releases, asOf).orElse(""));
        if (alert != null) {
            fields.put("symptom", symptom(alert.symptom(), alert.alert().sampleContacts()));
        }
        return fields;
    }

    /**
     * The alert's symptom as customers say it: for a key phrase, its wording in the sample contacts' subjects that
     * occurs most often ({@code "notes vanished"} where the key, which merges spellings, is {@code note vanished});
     * the key itself when no subject has it. For a helpdesk category its name in words ({@code sync issues}).
     */
    static String symptom(String key, List<AlertView.SampleContact> samples) {
        if (Symptoms.display(key) == null) {
            return ANY_PROBLEM;
        }
        if (Symptoms.isCategory(key)) {
            return Symptoms.categoryWords(key);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AlertView.SampleContact sample : samples == null ? List.<AlertView.SampleContact>of() : samples) {
            PhraseExtractor.wording(key, sample.subject()).ifPresent(w -> counts.merge(w, 1, Integer::sum));
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()) // the first of equals
                .map(Map.Entry::getKey).orElse(key);
    }

    /**
     * The newest release of the product after {@code version} (released later), among those released by
     * {@code asOf}; empty when there is none or the version is not in the catalogue.
     */
    static Optional<String> fixVersion(String version, List<ReleaseView> releases, Instant asOf) {
        Optional<Instant> releasedAt = releases.stream().filter(r -> r.version().equals(version)).findFirst()
                .map(ReleaseView::releasedAt);
        return releasedAt.flatMap(at -> releases.stream()
                .filter(r -> r.releasedAt().isAfter(at) && !r.releasedAt().isAfter(asOf))
                .max(Comparator.comparing(ReleaseView::releasedAt).thenComparing(ReleaseView::version))
                .map(ReleaseView::version));
    }
}

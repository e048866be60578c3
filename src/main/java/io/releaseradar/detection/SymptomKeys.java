package io.releaseradar.detection;

import io.quarkus.runtime.Startup;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.ingest.ContactSymptoms;
import io.releaseradar.ingest.StoredContact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A contact's symptom keys under the configured category aliases and phrase cap, and their hashes ({@link Hashes},
 * as {@code rollup_customer_weeks} keeps symptoms). Ingest asks before storing a contact and stores the hashes with
 * it; the rollups count the same keys; the current hour compares the stored hashes.
 */
@ApplicationScoped
@Startup // built at start, so that bad category aliases (a cycle) stop the start instead of the first ingest
class SymptomKeys implements ContactSymptoms {

    private final Symptoms symptoms;

    SymptomKeys(SymptomConfig config) {
        this.symptoms = new Symptoms(config.maxPhrases(), config.categoryAliases());
    }

    @Override
    public Keys of(StoredContact contact) {
        List<String> keys = keysOf(contact);
        return new Keys(keys, hashes(keys));
    }

    /** The keys extracted from the contact's category and texts. */
    List<String> keysOf(StoredContact contact) {
        return symptoms.of(contact.category(), contact.subject(), contact.body());
    }

    /** The keys extracted from a category and texts. */
    List<String> keysOf(String category, String subject, String body) {
        return symptoms.of(category, subject, body);
    }

    static long[] hashes(List<String> keys) {
        long[] out = new long[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hash(keys.get(i));
        }
        return out;
    }

    /** A symptom key's hash. */
    static long hash(String key) {
        return Hashes.of(key);
    }
}

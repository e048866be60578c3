package io.releaseradar.detection;

import io.quarkus.runtime.Startup;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.ingest.ContactSymptoms;
import io.releaseradar.ingest.StoredContact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A contact's symptom keys under the configured category aliases and phrase cap, and their hashes ({@link Hashes},
 * as {@code rollup_customer_weeks} keeps symptoms). Ingest asks before storing a contact and stores the hashes with
 * it; the rollups count the same keys; the current hour compares the stored hashes.
 */
@ApplicationScoped
@Startup // built at start, so that bad category aliases (a cycle) stop the start instead of the first ingest
class SymptomKeys implements ContactSymptoms {

    /** Keys whose hashes are remembered; beyond it, the memory starts again. */
    private static final int REMEMBERED = 100_000;

    private final Symptoms symptoms;
    /**
     * Hashes by key: a batch's contacts share most keys (all contacts, a few categories, common phrases), and so do
     * the current hour's evaluations. A key's hash never changes.
     */
    private final Map<String, Long> hashes = new ConcurrentHashMap<>();

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

    /** The keys' hashes, position by position. */
    long[] hashes(List<String> keys) {
        long[] out = new long[keys.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hash(keys.get(i));
        }
        return out;
    }

    /** A symptom key's hash ({@link Hashes#of}). */
    long hash(String key) {
        Long known = hashes.get(key);
        if (known == null) {
            if (hashes.size() >= REMEMBERED) {
                hashes.clear();
            }
            known = Hashes.of(key);
            hashes.put(key, known);
        }
        return known;
    }
}

package io.releaseradar.simulation;

import io.releaseradar.detection.core.Symptoms;
import java.util.List;

/**
 * The one place the simulation asks which symptom keys a contact counts under, so that its rollups are built exactly
 * as the service's {@code RollupWriter} builds them with its default settings (the default phrase cap, no category
 * aliases: the benchmark's category rename is meant to be caught without one).
 */
final class SymptomKeys {

    private SymptomKeys() {
    }

    /** The symptom keys of one contact: all contacts, its category, its key phrases. */
    static List<String> of(String category, String subject, String body) {
        return Symptoms.defaults().of(category, subject, body);
    }
}

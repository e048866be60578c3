package io.releaseradar.simulation;

import io.releaseradar.detection.Symptoms;
import java.util.List;

/**
 * The one place the simulation asks which symptom keys a contact counts under, so that its rollups are built exactly
 * as the service's {@code RollupWriter} builds them.
 */
final class SymptomKeys {

    private SymptomKeys() {
    }

    /** The symptom keys of one contact: all contacts, its category, and (once the service has them) its phrases. */
    static List<String> of(String category, String subject, String body) {
        // Until detection.core.Symptoms (with key phrases) is on main, the service counts categories only.
        return Symptoms.of(category);
    }
}

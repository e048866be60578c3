package io.releaseradar.detection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** How contacts become symptom keys in the rollups (see {@code io.releaseradar.detection.core.Symptoms}). */
@ConfigMapping(prefix = "radar.detection.symptoms")
public interface SymptomConfig {

    /**
     * Most key phrases a contact counts under (subject first, then the start of the body). Each phrase is one more
     * rollup cell and distinct-customer row written per contact at ingest.
     */
    @WithDefault("12")
    int maxPhrases();

    /**
     * Helpdesk category renames: old name → the name it counts under, e.g.
     * {@code radar.detection.symptoms.category-aliases.sync-problems=Sync Issues}. Names in any spelling (they are
     * normalised, so write a key without spaces; quote it if it has dots); chains are followed; a cycle stops the
     * start. Applies to contacts ingested from then on. Default: none. Not needed for a rename alone: detection finds
     * one in the rollups ({@code io.releaseradar.detection.core.CategoryRenames}) and counts the old name's history
     * under the new one; an alias also covers a rename that does not look like one (e.g. on one version only).
     */
    Map<String, String> categoryAliases();
}

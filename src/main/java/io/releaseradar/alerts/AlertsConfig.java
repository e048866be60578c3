package io.releaseradar.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the alert lifecycle. */
@ConfigMapping(prefix = "radar.alerts.lifecycle")
public interface AlertsConfig {

    /**
     * A dismissed alert of a version opens again only on evidence this many times its score (or a higher
     * severity); the same evidence never brings it back. At least 1.
     */
    @WithDefault("2.0")
    double dismissedReopenFactor();

    /** How many verbatim support contacts an alert quotes as examples (distinct customers first, newest first). */
    @WithDefault("5")
    int sampleContacts();
}

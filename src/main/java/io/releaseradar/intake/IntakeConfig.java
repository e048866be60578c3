package io.releaseradar.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the helpdesk intake ({@code POST /intake/{source}}). */
@ConfigMapping(prefix = "radar.intake")
public interface IntakeConfig {

    /**
     * Largest helpdesk call accepted, in bytes; a larger one gets 413 and stores nothing. One call is one ticket
     * event, whose texts the contract caps at 64 KiB each.
     */
    @WithDefault("1048576")
    int maxBodyBytes();
}

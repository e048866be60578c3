package io.releaseradar.simulation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo scenario the {@code demo} profile loads at startup ({@code radar.demo.*}). */
@ConfigMapping(prefix = "radar.demo")
public interface DemoConfig {

    /** The default of {@link #seed()}, also the history {@code DemoScenarioTest} checks. */
    String DEFAULT_SEED = "16";

    /** Load the demo product at startup; true in the demo profile only. */
    @WithDefault("false")
    boolean enabled();

    /** The demo product's key; nothing is loaded when it already has releases. */
    @WithDefault("notes")
    String product();

    /** Seed of the simulated history: the same seed gives the same customers, contacts and incident. */
    @WithDefault(DEFAULT_SEED)
    long seed();

    /** Detection is replayed hourly over this many hours before now, so that alerts open at their event time. */
    @WithDefault("96")
    int replayHours();

    /**
     * The demo product's notice policy: an alert reaching this severity ({@code HIGH} or {@code CRITICAL}) sends a
     * notice to all its customers by itself (the demo's mailer sends nothing; see {@link #sentMailView()});
     * {@code off}: no policy.
     */
    @WithDefault("HIGH")
    String autoNotice();

    /**
     * The dashboard shows the notice mails sent, one body per language ({@code /dashboard/sent-mail}), since the demo's
     * mailer only keeps them; true in the demo profile only, elsewhere the page is a 404.
     */
    @WithDefault("false")
    boolean sentMailView();
}

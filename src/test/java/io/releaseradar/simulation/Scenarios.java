package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.CategoryRename;
import io.releaseradar.simulation.ScenarioSpec.Confounder;
import io.releaseradar.simulation.ScenarioSpec.ContactHabits;
import io.releaseradar.simulation.ScenarioSpec.EarlyAdopters;
import io.releaseradar.simulation.ScenarioSpec.HolidayDip;
import io.releaseradar.simulation.ScenarioSpec.IncidentSpec;
import io.releaseradar.simulation.ScenarioSpec.MarketingCampaign;
import io.releaseradar.simulation.ScenarioSpec.Onset;
import io.releaseradar.simulation.ScenarioSpec.PlatformOutage;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.Rollout;
import io.releaseradar.simulation.ScenarioSpec.UpgradeHabits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The named scenarios of the quality benchmark: one world (product "notes", 10,000 customers, eleven versions, twelve
 * weeks of contacts of which the last four are evaluated) with one incident or one confounder each.
 *
 * <ul>
 *   <li>Incidents: sudden and gradual, rate ratios 1.5x to 10x, on a large version (2.5.0, or 2.4.1 a week after
 *       its release, or the old 2.3.1) and on a small one (2.4.2, a regional release to 8% of customers).</li>
 *   <li>Confounders, each without an incident: a platform outage, a marketing campaign, a holiday dip, a tiny beta
 *       version, benign early adopters at 1.2x, a helpdesk category rename; and a quiet world.</li>
 * </ul>
 *
 * <p>Test code: the demo's scenario, which the packaged service loads, is {@link DemoScenario}.
 */
public final class Scenarios {

    /** A Monday, so that weekday and weekend fall the same way in every scenario. */
    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    public static final String PRODUCT = "notes";

    /** Eight weeks of contacts before the evaluation, so that every baseline (the predecessor's, too) has data. */
    private static final Duration WARMUP = Duration.ofDays(56);
    private static final Duration LENGTH = Duration.ofDays(84);

    private Scenarios() {
    }

    /** Every named scenario, incidents first. */
    public static List<ScenarioSpec> all() {
        List<ScenarioSpec> all = new ArrayList<>();
        all.add(incident("sudden-5x-large", "5x 'notes vanished' on 2.5.0 from its release",
                new IncidentSpec("2.5.0", Duration.ZERO, 5.0, Onset.SUDDEN, Duration.ZERO, "Sync", "notes vanished")));
        all.add(incident("sudden-2x-large", "2x 'crash on start' on 2.5.0 from its release",
                new IncidentSpec("2.5.0", Duration.ZERO, 2.0, Onset.SUDDEN, Duration.ZERO, "Crash", "crash on start")));
        all.add(incident("sudden-1.5x-large", "1.5x 'battery drain' on 2.5.0 from its release",
                new IncidentSpec("2.5.0", Duration.ZERO, 1.5, Onset.SUDDEN, Duration.ZERO, "Performance",
                        "battery drain")));
        all.add(incident("sudden-3x-old", "3x 'notes vanished' on the old 2.3.1, six weeks after its release",
                new IncidentSpec("2.3.1", Duration.ofDays(42), 3.0, Onset.SUDDEN, Duration.ZERO, "Sync",
                        "notes vanished")));
        all.add(incident("sudden-10x-small", "10x 'notes vanished' on the regional 2.4.2 from its release",
                new IncidentSpec("2.4.2", Duration.ZERO, 10.0, Onset.SUDDEN, Duration.ZERO, "Sync",
                        "notes vanished")));
        all.add(incident("sudden-3x-small", "3x 'cannot log in' on the regional 2.4.2 from its release",
                new IncidentSpec("2.4.2", Duration.ZERO, 3.0, Onset.SUDDEN, Duration.ZERO, "Login", "cannot log in")));
        all.add(incident("gradual-3x-large", "'battery drain' on 2.4.1 growing to 3x over 3 days, 8 days in",
                new IncidentSpec("2.4.1", Duration.ofDays(8), 3.0, Onset.GRADUAL, Duration.ofDays(3), "Performance",
                        "battery drain")));
        all.add(incident("gradual-2x-large", "'crash on start' on 2.5.0 growing to 2x over 4 days, 2 days in",
                new IncidentSpec("2.5.0", Duration.ofDays(2), 2.0, Onset.GRADUAL, Duration.ofDays(4), "Crash",
                        "crash on start")));
        all.add(incident("gradual-5x-small", "'duplicate notes' on the regional 2.4.2 growing to 5x over 2 days",
                new IncidentSpec("2.4.2", Duration.ofDays(1), 5.0, Onset.GRADUAL, Duration.ofDays(2), "Sync",
                        "duplicate notes")));
        all.add(world("sudden-3x-large-holiday", "3x 'notes vanished' on 2.5.0 released into a holiday dip",
                List.of(new IncidentSpec("2.5.0", Duration.ZERO, 3.0, Onset.SUDDEN, Duration.ZERO, "Sync",
                        "notes vanished")),
                List.of(new HolidayDip(day(10), Duration.ofDays(3), 0.3)), releases(false)));
        all.add(confounder("quiet", "no incident, no confounder"));
        all.add(confounder("platform-outage", "6 h cloud outage: 5x contacts on every version",
                new PlatformOutage(day(15).plusHours(9), Duration.ofHours(6), 5.0)));
        all.add(confounder("marketing-campaign", "campaign: +15% new customers on the newest version, billing x2",
                new MarketingCampaign(day(11), Duration.ofDays(7), 0.15, 1.0)));
        all.add(confounder("holiday-dip", "3-day holiday at 30% of the usual contacts, then a catch-up day",
                new HolidayDip(day(14), Duration.ofDays(3), 0.3)));
        all.add(world("tiny-beta", "a beta of 2.6.0 for 0.4% of customers", List.of(), List.of(), releases(true)));
        all.add(confounder("early-adopters", "the fastest 15% of upgraders call 1.2x as often",
                new EarlyAdopters(0.15, 1.2)));
        all.add(confounder("category-rename", "the helpdesk renames 'Sync' to 'Synchronisation' on day 12",
                new CategoryRename(day(12), "Sync", "Synchronisation")));
        return List.copyOf(all);
    }

    /** The scenario with this name. */
    public static ScenarioSpec named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
    }

    private static ScenarioSpec incident(String name, String description, IncidentSpec incident) {
        return world(name, description, List.of(incident), List.of(), releases(false));
    }

    private static ScenarioSpec confounder(String name, String description, Confounder... confounders) {
        return world(name, description, List.of(), List.of(confounders), releases(false));
    }

    private static ScenarioSpec world(String name, String description, List<IncidentSpec> incidents,
            List<Confounder> confounders, List<ReleaseSpec> releases) {
        return new ScenarioSpec(name, description, PRODUCT, START, WARMUP, LENGTH, 10_000, 0.01, releases, incidents,
                confounders, UpgradeHabits.TYPICAL, ContactHabits.TYPICAL);
    }

    /** An offset from the scenario start: {@code days} after the evaluation period begins (negative: before). */
    private static Duration day(int days) {
        return WARMUP.plusDays(days);
    }

    /** Upgrade order; seven releases before the evaluation period, four during it (and a beta on request). */
    private static List<ReleaseSpec> releases(boolean beta) {
        List<ReleaseSpec> r = new ArrayList<>(List.of(
                ReleaseSpec.of("2.0.0", day(-374), Rollout.IMMEDIATE),
                ReleaseSpec.of("2.1.0", day(-214), Rollout.STAGED),
                ReleaseSpec.of("2.2.0", day(-104), Rollout.STAGED),
                ReleaseSpec.of("2.2.1", day(-84), Rollout.IMMEDIATE),
                ReleaseSpec.of("2.3.0", day(-44), Rollout.STAGED),
                ReleaseSpec.of("2.3.1", day(-26), Rollout.IMMEDIATE),
                ReleaseSpec.of("2.4.0", day(-5), Rollout.STAGED),
                ReleaseSpec.of("2.4.1", day(3), Rollout.IMMEDIATE),
                new ReleaseSpec("2.4.2", day(5), 0.08, Rollout.IMMEDIATE, false),
                ReleaseSpec.of("2.5.0", day(10), Rollout.STAGED),
                ReleaseSpec.of("2.5.1", day(19), Rollout.IMMEDIATE)));
        if (beta) {
            r.add(new ReleaseSpec("2.6.0-beta.1", day(14), 0.004, Rollout.IMMEDIATE, true));
        }
        return r;
    }
}

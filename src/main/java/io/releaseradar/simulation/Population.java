package io.releaseradar.simulation;

import io.releaseradar.simulation.ScenarioSpec.EarlyAdopters;
import io.releaseradar.simulation.ScenarioSpec.MarketingCampaign;
import io.releaseradar.simulation.ScenarioSpec.Overdispersion;
import io.releaseradar.simulation.ScenarioSpec.ReleaseSpec;
import io.releaseradar.simulation.ScenarioSpec.Rollout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Customers and who runs what since when. Times are whole seconds since the scenario start. A customer joins on
 * the newest release offered to them, then installs each later release once the staged rollout reaches them plus
 * their own (heavy-tailed) upgrade lag; when a later release is reached first they skip the earlier one, and nobody
 * ever downgrades.
 */
final class Population {

    /** One customer and how they behave. */
    static final class Member {
        final String id;
        final long joinedAt;
        final double lagSeconds;
        final boolean campaign;
        double propensity;
        final List<Stint> stints = new ArrayList<>();

        Member(String id, long joinedAt, double lagSeconds, boolean campaign, double propensity) {
            this.id = id;
            this.joinedAt = joinedAt;
            this.lagSeconds = lagSeconds;
            this.campaign = campaign;
            this.propensity = propensity;
        }
    }

    /** Running release {@code release} (index into the spec's list) over [from, to); to is Long.MAX_VALUE if open. */
    record Stint(int release, long from, long to) {
    }

    private static final List<String> LOCALES = List.of("en-GB", "de-DE", "fr-FR", "en-US", "nl-NL", "de-CH");

    final List<Member> members = new ArrayList<>();
    private final ScenarioSpec spec;
    private final long[] releasedAt;
    private final SplittableRandom random;
    /** Gamma propensities of an {@link Overdispersion}, from a stream of their own; null without one. */
    private final SplittableRandom propensities;
    private final double propensityShape;

    private Population(ScenarioSpec spec, long[] releasedAt, SplittableRandom random) {
        this.spec = spec;
        this.releasedAt = releasedAt;
        this.random = random;
        Overdispersion o = spec.confounders().stream().filter(Overdispersion.class::isInstance)
                .map(Overdispersion.class::cast).findFirst().orElse(null);
        // split only when asked: a scenario without it draws its install base exactly as before
        this.propensities = o == null ? null : random.split();
        this.propensityShape = o == null ? 0 : o.propensityShape();
    }

    static Population build(ScenarioSpec spec, long[] releasedAt, SplittableRandom random) {
        Population p = new Population(spec, releasedAt, random);
        long earliestJoin = Arrays.stream(releasedAt).min().orElseThrow() + 86_400;
        long latestJoin = -3_600;
        for (int i = 0; i < spec.customers(); i++) {
            long joined = earliestJoin >= latestJoin ? latestJoin
                    : earliestJoin + (long) (random.nextDouble() * (latestJoin - earliestJoin));
            p.add(joined, false);
        }
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof EarlyAdopters e) {
                p.boostEarlyAdopters(e);
            }
        }
        for (ScenarioSpec.Confounder c : spec.confounders()) {
            if (c instanceof MarketingCampaign m) {
                long from = m.afterStart().toSeconds();
                long span = Math.max(1, m.length().toSeconds());
                int extra = (int) Math.round(spec.customers() * m.newCustomerShare());
                for (int i = 0; i < extra; i++) {
                    p.add(from + (long) (random.nextDouble() * span), true);
                }
            }
        }
        return p;
    }

    private void add(long joined, boolean campaign) {
        ScenarioSpec.UpgradeHabits habits = spec.upgrades();
        double lag = habits.medianLag().toSeconds() * Math.exp(habits.lagSigma() * random.nextGaussian());
        if (random.nextDouble() < habits.laggardShare()) {
            lag *= 10;
        }
        // log-normal with mean 1: customers differ in how often they call, independently of their version
        double propensity = Math.exp(0.5 * random.nextGaussian() - 0.125);
        if (propensities != null) {
            // gamma with mean 1 and variance 1 / shape, in place of the log-normal one
            propensity = Draws.gamma(propensityShape, propensities) / propensityShape;
        }
        Member m = new Member(String.format(Locale.ROOT, "c%05d", members.size() + 1), joined, lag, campaign,
                propensity);
        installHistory(m);
        members.add(m);
    }

    private void installHistory(Member m) {
        List<ReleaseSpec> releases = spec.releases();
        int n = releases.size();
        boolean[] eligible = new boolean[n];
        long[] candidate = new long[n];
        for (int r = 0; r < n; r++) {
            ReleaseSpec release = releases.get(r);
            eligible[r] = random.nextDouble() < release.reach();
            double stage = stageDelay(release.rollout(), random.nextDouble());
            double jitter = Math.exp(0.3 * random.nextGaussian());
            candidate[r] = Math.max(m.joinedAt, releasedAt[r] + Math.round(stage + m.lagSeconds * jitter));
        }
        int current = -1;
        for (int r = 0; r < n; r++) {
            if (eligible[r] && !releases.get(r).beta() && releasedAt[r] <= m.joinedAt) {
                current = r;
            }
        }
        if (current < 0) {
            return; // joined before any release it may run: never installs (cannot happen with the catalogue)
        }
        long end = spec.length().toSeconds();
        List<long[]> upgrades = new ArrayList<>();
        for (int r = current + 1; r < n; r++) {
            if (eligible[r] && candidate[r] < end) {
                upgrades.add(new long[] {candidate[r], r});
            }
        }
        upgrades.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long from = m.joinedAt;
        for (long[] u : upgrades) {
            int r = (int) u[1];
            // one installation per customer and instant: a tie moves the later one by a second
            long at = Math.max(u[0], from + 1);
            if (r > current && at < end) {
                m.stints.add(new Stint(current, from, at));
                current = r;
                from = at;
            }
        }
        m.stints.add(new Stint(current, from, Long.MAX_VALUE));
    }

    private static double stageDelay(Rollout rollout, double draw) {
        for (Rollout.Stage stage : rollout.stages()) {
            if (draw < stage.share()) {
                return stage.after().toSeconds();
            }
        }
        return rollout.stages().get(rollout.stages().size() - 1).after().toSeconds();
    }

    /** The fastest upgraders (by lag) call more often. */
    private void boostEarlyAdopters(EarlyAdopters e) {
        double[] lags = members.stream().mapToDouble(m -> m.lagSeconds).sorted().toArray();
        int k = (int) Math.floor(e.share() * lags.length);
        if (k == 0) {
            return;
        }
        double threshold = lags[k - 1];
        for (Member m : members) {
            if (m.lagSeconds <= threshold) {
                m.propensity *= e.ratio();
            }
        }
    }

    static String locale(int index) {
        return LOCALES.get(index % LOCALES.size());
    }
}

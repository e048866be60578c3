package io.releaseradar.detection.core;

import io.releaseradar.detection.core.UnattendedReplay.Reach;
import io.releaseradar.detection.core.UnattendedReplay.Replay;
import io.releaseradar.detection.core.UnattendedReplay.ReplayedAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How often detection, as set, cries wolf on one product's own history: the version alerts a replay
 * ({@link UnattendedReplay}) would have opened that the product's own record does not confirm as incidents, per 100
 * version-weeks in which a version had enough data to alert and was not in a confirmed incident. A confirmed incident
 * is an alert that somebody acknowledged or resolved; one dismissed, or none at all, confirms nothing, so an alert
 * the replay raises there counts as false.
 *
 * <p>What it is not: ground truth. An incident the team never acknowledged makes its alert count as false (the
 * estimate errs high, the safe side for a gate on auto-send), and an alert acknowledged in error makes its period
 * count as an incident. With little history the count is small, so the one-sided 95% Poisson upper bound is given
 * beside it.
 *
 * @param versionWeeks the judged hours outside confirmed incidents, over 168
 * @param unconfirmed replayed alerts the product's record does not confirm: false by its own record
 * @param confirmed replayed alerts inside a confirmed incident of their version
 * @param budget false version alerts per 100 version-weeks allowed
 */
public record PlaceboEstimate(double versionWeeks, List<ReplayedAlert> unconfirmed, List<ReplayedAlert> confirmed,
        double budget) {

    /** The one-sided level of {@link #upperBound()}. */
    public static final double CONFIDENCE = 0.95;

    public PlaceboEstimate {
        unconfirmed = List.copyOf(unconfirmed);
        confirmed = List.copyOf(confirmed);
        if (!(budget >= 0)) {
            throw new IllegalArgumentException("budget must be >= 0, got " + budget);
        }
    }

    /**
     * A confirmed incident of a version: [from, to), {@code to} null while it is still acknowledged.
     */
    public record ConfirmedPeriod(String version, Instant from, Instant to) {

        /**
         * The period of a confirmed alert opened at {@code openedAt} and closed (resolved) at {@code closedAt}, null
         * while active. It starts {@code lookBack} (the longest window) earlier: settings that react sooner than the
         * live ones would have opened the same incident's alert on evidence from that far back.
         */
        public static ConfirmedPeriod of(String version, Instant openedAt, Instant closedAt, Duration lookBack) {
            return new ConfirmedPeriod(version, openedAt.minus(lookBack), closedAt);
        }

        boolean covers(String v, Instant t) {
            return version.equals(v) && !t.isBefore(from) && (to == null || t.isBefore(to));
        }
    }

    /** What an auto-send policy would have sent over the replay: notices, and installs they would have gone to. */
    public record Sent(int notices, long customers, int falseNotices, long falseCustomers) {
    }

    /** Splits {@code replay}'s alerts by the product's {@code confirmed} incidents and counts the exposure. */
    public static PlaceboEstimate of(Replay replay, List<ConfirmedPeriod> confirmed, double budget) {
        List<ReplayedAlert> falseAlerts = new ArrayList<>();
        List<ReplayedAlert> confirmedAlerts = new ArrayList<>();
        for (ReplayedAlert a : replay.alerts()) {
            (covered(confirmed, a.version(), a.openedAt()) ? confirmedAlerts : falseAlerts).add(a);
        }
        long hours = 0;
        for (var e : replay.judgedHours().entrySet()) {
            for (Instant t : e.getValue()) {
                hours += covered(confirmed, e.getKey(), t) ? 0 : 1;
            }
        }
        return new PlaceboEstimate(hours / 168.0, falseAlerts, confirmedAlerts, budget);
    }

    private static boolean covered(List<ConfirmedPeriod> confirmed, String version, Instant t) {
        return confirmed.stream().anyMatch(p -> p.covers(version, t));
    }

    /** False version alerts per 100 version-weeks; 0 without exposure. */
    public double perHundredVersionWeeks() {
        return versionWeeks == 0 ? 0 : unconfirmed.size() * 100 / versionWeeks;
    }

    /** The one-sided 95% upper bound of that rate (exact Poisson); infinite without exposure. */
    public double upperBound() {
        return versionWeeks == 0 ? Double.POSITIVE_INFINITY
                : poissonUpper(unconfirmed.size(), 1 - CONFIDENCE) * 100 / versionWeeks;
    }

    /** The estimate exceeds the budget: auto-send would mail healthy releases' customers more often than allowed. */
    public boolean overBudget() {
        return perHundredVersionWeeks() > budget;
    }

    /** Even the upper bound is within budget: the history is long enough to show the budget holds. */
    public boolean shownWithinBudget() {
        return upperBound() <= budget;
    }

    /**
     * What a policy sending from {@code minSeverity} would have sent: one notice per alert reaching it, to the
     * installs of the version ({@code installed}) and of the versions released before it ({@code earlier}) at that
     * hour. Installs stand in for the audience: opt-outs, in-touch suppression and the frequency cap come off later.
     */
    public Sent wouldSend(Severity minSeverity, boolean installed, boolean earlier) {
        int notices = 0;
        long customers = 0;
        int falseNotices = 0;
        long falseCustomers = 0;
        for (ReplayedAlert a : confirmed) {
            Optional<Reach> r = a.reached(minSeverity);
            if (r.isPresent()) {
                notices++;
                customers += audience(r.get(), installed, earlier);
            }
        }
        for (ReplayedAlert a : unconfirmed) {
            Optional<Reach> r = a.reached(minSeverity);
            if (r.isPresent()) {
                notices++;
                falseNotices++;
                long n = audience(r.get(), installed, earlier);
                customers += n;
                falseCustomers += n;
            }
        }
        return new Sent(notices, customers, falseNotices, falseCustomers);
    }

    private static long audience(Reach r, boolean installed, boolean earlier) {
        return (installed ? r.versionInstalls() : 0) + (earlier ? r.earlierInstalls() : 0);
    }

    /**
     * The exact one-sided upper confidence limit of a Poisson mean after observing {@code k}: the λ with
     * P(X ≤ k | λ) = alpha (Garwood). For k = 0 it is −ln(alpha), 3.00 at 95%.
     */
    static double poissonUpper(int k, double alpha) {
        double lo = 0;
        double hi = k + 10 + 10 * Math.sqrt(k + 1.0);
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (poissonCdf(k, mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double poissonCdf(int k, double lambda) {
        double term = Math.exp(-lambda);
        double sum = term;
        for (int i = 1; i <= k; i++) {
            term *= lambda / i;
            sum += term;
        }
        return Math.min(1, sum);
    }
}

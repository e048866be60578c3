package io.releaseradar.notices;

import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.PlaceboCalibration;
import io.releaseradar.detection.core.UnattendedReplay;
import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.PlaceboEstimate;
import io.releaseradar.detection.core.PlaceboEstimate.ConfirmedPeriod;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Before a release manager switches auto-send on: how often detection, as set, would have alerted falsely on the
 * product's own history (the placebo estimate against {@code radar.detection.false-alert-budget}), and what the
 * policy would have sent. A replay is hundreds to thousands of evaluations, so it runs on demand on one background
 * thread of this replica, and its outcome is kept in memory with when it ran and the settings it ran with; a page
 * shows the latest one for the current settings and never waits for a replay.
 */
@ApplicationScoped
public class AutoSendCheck {

    private static final Logger LOG = Logger.getLogger(AutoSendCheck.class);

    /** Where a check is. */
    public enum State {
        RUNNING, DONE, FAILED, NO_DATA
    }

    /**
     * A check of one product: the replay's period, the settings it ran with ({@code settings}, their text), and its
     * estimate once DONE.
     */
    public record Check(String product, State state, Instant startedAt, Instant finishedAt, Instant from, Instant to,
            int evaluations, String settings, PlaceboEstimate estimate, String error) {

        /** What {@code policy} would have sent over the period (its severity and audience); null unless DONE. */
        public PlaceboEstimate.Sent wouldSend(NoticePolicy policy) {
            return wouldSend(policy.minSeverity(), policy.audience());
        }

        /** What a policy from {@code minSeverity} to {@code audience} would have sent; null unless DONE. */
        public PlaceboEstimate.Sent wouldSend(Severity minSeverity, Audience audience) {
            return estimate == null ? null : estimate.wouldSend(minSeverity, audience.includes(Audience.INSTALLED),
                    audience.includes(Audience.NOT_YET_UPGRADED));
        }
    }

    private final PlaceboCalibration calibration;
    private final AlertService alerts;
    private final InstantSource clock;
    private final ConcurrentMap<String, Check> latest = new ConcurrentHashMap<>();
    /** One replay at a time per replica: each is CPU-bound and the machine serves live evaluations too. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "radar-auto-send-check");
        t.setDaemon(true);
        return t;
    });

    AutoSendCheck(PlaceboCalibration calibration, AlertService alerts, InstantSource clock) {
        this.calibration = calibration;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** {@code radar.detection.false-alert-budget}. */
    public double budget() {
        return calibration.budget();
    }

    /** The latest check of {@code product} with the current settings and budget, if any ran on this replica. */
    public Optional<Check> latest(String product) {
        Check c = latest.get(product);
        return c != null && c.settings().equals(fingerprint(calibration.settings())) ? Optional.of(c)
                : Optional.empty();
    }

    /**
     * Starts a check of {@code product} with the live settings in the background, unless one is running; answers
     * it. 404 for an unknown product.
     */
    public Check start(String product) {
        calibration.period(product, clock.instant()); // 404 now rather than in the background
        Instant now = clock.instant();
        String settings = fingerprint(calibration.settings());
        Check running = new Check(product, State.RUNNING, now, null, null, null, 0, settings, null, null);
        Check was = latest.compute(product, (k, c) -> c != null && c.state() == State.RUNNING ? c : running);
        if (was == running) {
            worker.submit(() -> {
                Check done;
                try {
                    done = check(product, calibration.settings(), now);
                } catch (RuntimeException | Error e) {
                    LOG.errorf(e, "Auto-send check of %s failed", product);
                    done = new Check(product, State.FAILED, now, clock.instant(), null, null, 0, settings, null,
                            e instanceof ProblemException p ? p.toProblem().detail() : "The replay failed; see the log.");
                }
                if (done.estimate() != null) {
                    LOG.infof("Auto-send check of %s: %d evaluations, %.2f false version alerts per 100 version-weeks"
                            + " (budget %.2f), in %d s", product, done.evaluations(),
                            done.estimate().perHundredVersionWeeks(), done.estimate().budget(),
                            java.time.Duration.between(done.startedAt(), done.finishedAt()).toSeconds());
                }
                latest.put(product, done);
            });
        }
        return was;
    }

    /** Runs a check now, in this thread, with {@code settings}: the replay up to {@code end} and its estimate. */
    public Check check(String product, DetectionSettings settings, Instant end) {
        Instant started = clock.instant();
        Optional<PlaceboCalibration.Period> period = calibration.period(product, end);
        if (period.isEmpty()) {
            return new Check(product, State.NO_DATA, started, clock.instant(), null, null, 0, fingerprint(settings),
                    null, null);
        }
        UnattendedReplay.Replay replay = calibration.replay(product, period.get(), settings);
        PlaceboEstimate estimate = PlaceboEstimate.of(replay, confirmed(product, settings), calibration.budget());
        return new Check(product, State.DONE, started, clock.instant(), replay.from(), replay.to(),
                replay.evaluations(), fingerprint(settings), estimate, null);
    }

    /**
     * The product's confirmed incidents: version alerts somebody acknowledged (still active) or resolved. A
     * dismissed alert, or an open one nobody looked at, confirms nothing.
     */
    private List<ConfirmedPeriod> confirmed(String product, DetectionSettings settings) {
        List<ConfirmedPeriod> out = new ArrayList<>();
        for (AlertView a : alerts.list(product, null, null)) {
            if (a.version() == null) {
                continue;
            }
            switch (a.status()) {
                case ACKNOWLEDGED -> out.add(ConfirmedPeriod.of(a.version(), a.openedAt(), null,
                        settings.longestWindow()));
                case RESOLVED -> out.add(ConfirmedPeriod.of(a.version(), a.openedAt(), a.updatedAt(),
                        settings.longestWindow()));
                case OPEN, DISMISSED -> {
                }
            }
        }
        return out;
    }

    private String fingerprint(DetectionSettings settings) {
        return settings + " budget=" + calibration.budget();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}

package io.releaseradar.detection;

import io.quarkus.scheduler.Scheduled;
import io.releaseradar.platform.OffOrDuration;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jboss.logging.Logger;

/**
 * Evaluates every product with asOf = now once per {@code radar.detection.interval}. The only place that reads the
 * clock for detection. Intervals are aligned to the epoch (30s, the default: on the minute and the half minute), so all replicas start a turn at the
 * same moment and share its products ({@link DetectionService#evaluateShared}); Quarkus checks its triggers on the
 * whole second, so the ticker below sees a new interval within a second of its start on every replica.
 */
@ApplicationScoped
public class DetectionScheduler {

    private static final Logger LOG = Logger.getLogger(DetectionScheduler.class);

    private final DetectionService detection;
    private final InstantSource clock;
    /** Null: the scheduler is off. */
    private final Duration interval;
    private long lastInterval = Long.MIN_VALUE;

    DetectionScheduler(DetectionService detection, InstantSource clock, DetectionConfig config) {
        this.detection = detection;
        this.clock = clock;
        this.interval = parse(config.interval());
    }

    @Scheduled(identity = "detection", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (interval == null) {
            return;
        }
        Instant now = clock.instant();
        long current = Math.floorDiv(now.toEpochMilli(), interval.toMillis());
        if (current == lastInterval) {
            return;
        }
        lastInterval = current;
        try {
            evaluate(now, interval);
        } catch (RuntimeException e) {
            LOG.warnf("Scheduled evaluation failed (%s); the next interval retries", e.toString());
        }
    }

    /**
     * One scheduled turn as of {@code now}: every product not yet evaluated by any replica in the interval of length
     * {@code interval} that contains {@code now}.
     */
    public DetectionService.Turn evaluate(Instant now, Duration interval) {
        Instant start = intervalStart(now, interval);
        return detection.evaluateShared(now, start, start.plus(interval));
    }

    /** The start of the epoch-aligned interval that contains {@code now}. */
    static Instant intervalStart(Instant now, Duration interval) {
        long ms = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), ms) * ms);
    }

    private static Duration parse(String interval) {
        Duration d = OffOrDuration.parse("radar.detection.interval", interval);
        if (d == null) {
            return null;
        }
        if (d.toMillis() < 1000) {
            throw new IllegalArgumentException("radar.detection.interval must be at least 1s, or off: " + interval);
        }
        return d;
    }
}

package io.releaseradar.detection;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.InstantSource;
import org.jboss.logging.Logger;

/**
 * Evaluates every product with asOf = now, every {@code radar.detection.interval}. The only place that reads the
 * clock for detection. A replica that finds another one evaluating skips its turn.
 */
@ApplicationScoped
public class DetectionScheduler {

    private static final Logger LOG = Logger.getLogger(DetectionScheduler.class);

    private final DetectionService detection;
    private final InstantSource clock;

    DetectionScheduler(DetectionService detection, InstantSource clock) {
        this.detection = detection;
        this.clock = clock;
    }

    @Scheduled(identity = "detection", every = "${radar.detection.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            evaluateNow();
        } catch (RuntimeException e) {
            LOG.warnf("Scheduled evaluation failed (%s); the next one retries", e.toString());
        }
    }

    /** One scheduled turn; false when another replica was evaluating. */
    public boolean evaluateNow() {
        return detection.evaluateUnlessBusy(clock.instant()) != null;
    }
}

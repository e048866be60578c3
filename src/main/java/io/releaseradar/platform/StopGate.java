package io.releaseradar.platform;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Lets an outbox worker stop gracefully: work passes the gate while the application runs, and {@link #stop} closes
 * it and waits a little for the work already through (a mail being handed to SMTP, a batch being sent) to finish,
 * so that a rolling update does not cut a send in half. Plain Java, safe to share between threads.
 */
public final class StopGate {

    private static final Logger LOG = Logger.getLogger(StopGate.class);

    private final String what;
    private boolean stopping;
    private int inside;

    /** @param what what passes the gate, for the log line of a stop that could not wait long enough */
    public StopGate(String what) {
        this.what = what;
    }

    /**
     * Passes the gate: false once it is stopping. A true answer must be followed by exactly one {@link #leave}.
     */
    public synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        inside++;
        return true;
    }

    public synchronized void leave() {
        inside--;
        notifyAll();
    }

    /** Whether {@link #stop} was called (and not {@link #resume}d since). */
    public synchronized boolean stopping() {
        return stopping;
    }

    /**
     * Lets nothing further through, and waits up to {@code wait} for what is inside to leave.
     *
     * @return whether nothing was left inside when it returned
     */
    public synchronized boolean stop(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        stopping = true;
        while (inside > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warnf("Stopping with %d %s still in flight", inside, what);
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Opens the gate again after {@link #stop}; for tests, as a stopped application does not come back. */
    public synchronized void resume() {
        stopping = false;
    }
}

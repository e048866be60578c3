package io.releaseradar.ingest.messaging;

import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs an action until it succeeds, waiting between attempts with back-off (250 ms, doubled, at most 30 s): what the
 * consumer must not skip (storing a batch, parking a poison record in the dead-letter topic) is waited out through
 * an outage instead of failing the channel. Gives up, rethrowing the failure, only once the service is stopping.
 */
final class Persistently {

    static final long FIRST_BACKOFF_MS = 250;
    static final long MAX_BACKOFF_MS = 30_000;
    private static final Logger LOG = Logger.getLogger(Persistently.class);

    /** Waits, in milliseconds; {@link Thread#sleep(long)} outside tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private Persistently() {
    }

    static void run(String what, Runnable action, BooleanSupplier stopping, Sleeper sleeper)
            throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            try {
                action.run();
                return;
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    throw e;
                }
                LOG.warnf("%s failed (%s); retrying in %d ms", what, describe(e), backoff);
                sleeper.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private static String describe(RuntimeException e) {
        String name = e.getClass().getSimpleName();
        return e.getCause() == null ? name : name + ": " + e.getCause().getClass().getSimpleName();
    }
}

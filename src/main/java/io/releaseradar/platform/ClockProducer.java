package io.releaseradar.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.InstantSource;

/** The one place that reads the wall clock; everything else takes an {@link InstantSource} or an {@code asOf}. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    InstantSource instantSource() {
        return InstantSource.system();
    }
}

package io.releaseradar.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.releaseradar.detection.core.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counter {@code radar_alerts_opened_total{severity}} on {@code /q/metrics}: alerts opened (including reopened as
 * regressed), by their severity when opened. Counted after commit, so an evaluation that rolls back counts nothing.
 */
@Startup
@ApplicationScoped
public class AlertMetrics {

    private final Map<Severity, Counter> opened = new EnumMap<>(Severity.class);

    AlertMetrics(MeterRegistry registry) {
        // Registered up front so that every severity shows, with 0, before its first alert.
        for (Severity s : Severity.values()) {
            opened.put(s, Counter.builder("radar.alerts.opened")
                    .description("Alerts opened, by severity at opening")
                    .tag("severity", s.name())
                    .register(registry));
        }
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged event) {
        if (event.change() == AlertChanged.Change.OPENED) {
            opened.get(event.alert().severity()).increment();
        }
    }
}

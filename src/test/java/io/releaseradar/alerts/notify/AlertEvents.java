package io.releaseradar.alerts.notify;

import io.releaseradar.alerts.AlertChanged;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Fires alert changes the way the alert lifecycle does: synchronously, inside a transaction. */
@ApplicationScoped
public class AlertEvents {

    private final Event<AlertChanged> events;

    AlertEvents(Event<AlertChanged> events) {
        this.events = events;
    }

    @Transactional
    public void fire(AlertChanged change) {
        events.fire(change);
    }

    /** Fires the change inside a transaction that then rolls back, as when the alert's own update fails. */
    @Transactional
    public void fireThenRollBack(AlertChanged change) {
        events.fire(change);
        throw new IllegalStateException("rolled back on purpose");
    }

    /** Fires "opened" for {@code alert}. */
    public void opened(AlertView alert) {
        fire(new AlertChanged(alert, AlertChanged.Change.OPENED, null));
    }

    /** Fires "updated" for {@code after}, which had {@code before} severity. */
    public void updated(AlertView after, Severity before) {
        fire(new AlertChanged(after, AlertChanged.Change.UPDATED, before));
    }

    /** A new open alert of version 2.4.0 with one signal and one sample contact. */
    static AlertView alert(String product, Severity severity) {
        Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new AlertView(UUID.randomUUID(), product, "2.4.0", severity, AlertView.Status.OPEN, opened, opened,
                "Customers on 2.4.0 report lost notes 4.8 times as often as on other versions",
                List.of(new Signal("category:sync", Duration.ofHours(24), 12, 2.5, 4.8, 6.1,
                        Signal.Baseline.OTHER_VERSIONS)),
                List.of(new AlertView.SampleContact("zendesk", "ZD-1", opened.minusSeconds(600), "Notes vanished")),
                false, null, null, null);
    }

    /** The same alert at another severity and a later update time, with another summary. */
    static AlertView changed(AlertView alert, Severity severity, String summary) {
        return new AlertView(alert.id(), alert.product(), alert.version(), severity, alert.status(),
                alert.openedAt(), alert.updatedAt().plusSeconds(3600), summary, alert.signals(),
                alert.sampleContacts(), alert.regressed(), alert.reason(), alert.rolloutHoldRequestedAt(),
                alert.autoNoticeId());
    }
}

package io.releaseradar.alerts;

import java.util.List;

/**
 * What one evaluation did to a product's alerts: the alerts it opened and those it updated (stronger evidence),
 * each as it is after the change.
 */
public record AlertChanges(List<AlertView> opened, List<AlertView> updated) {

    public AlertChanges {
        opened = List.copyOf(opened);
        updated = List.copyOf(updated);
    }

    /** No change. */
    public static AlertChanges none() {
        return new AlertChanges(List.of(), List.of());
    }

    public boolean isEmpty() {
        return opened.isEmpty() && updated.isEmpty();
    }
}

package io.releaseradar.alerts.notify;

import java.util.UUID;

/** Links into the dashboard for mails and webhook texts. */
final class AlertLinks {

    private AlertLinks() {
    }

    static String of(AlertNotifyConfig config, UUID alertId) {
        String base = config.dashboardUrl().endsWith("/") ? config.dashboardUrl() : config.dashboardUrl() + "/";
        return base + "alerts/" + alertId;
    }
}

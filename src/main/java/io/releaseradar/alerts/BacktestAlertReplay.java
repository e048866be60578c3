package io.releaseradar.alerts;

import io.releaseradar.detection.AlertReplay;
import io.releaseradar.detection.core.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The alert lifecycle as a backtest replays it, with the shipped reopen factor (its alerts are never closed). */
@ApplicationScoped
class BacktestAlertReplay implements AlertReplay {

    private final AlertLifecycle lifecycle = AlertLifecycle.defaults();

    @Override
    public Decision decide(Open open, Finding finding, Instant asOf) {
        AlertLifecycle.Decision d = lifecycle.decide(open == null ? null
                : new AlertLifecycle.Latest(AlertView.Status.OPEN, open.severity(), open.score()), finding, asOf);
        Action action = switch (d.action()) {
            case NONE -> Action.NONE;
            case OPEN, OPEN_REGRESSED -> Action.OPEN;
            case UPDATE -> Action.UPDATE;
        };
        return new Decision(action, d.severity() == null ? null : new Open(d.severity(), d.score()));
    }
}

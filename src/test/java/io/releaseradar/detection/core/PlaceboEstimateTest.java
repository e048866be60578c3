package io.releaseradar.detection.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.releaseradar.detection.core.UnattendedReplay.Reach;
import io.releaseradar.detection.core.UnattendedReplay.Replay;
import io.releaseradar.detection.core.UnattendedReplay.ReplayedAlert;
import io.releaseradar.detection.core.PlaceboEstimate.ConfirmedPeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceboEstimateTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static Instant hour(int h) {
        return T0.plus(Duration.ofHours(h));
    }

    private static List<Instant> hours(int from, int to) {
        List<Instant> out = new ArrayList<>();
        for (int h = from; h < to; h++) {
            out.add(hour(h));
        }
        return out;
    }

    /** An alert at {@code h} that reached HIGH there (100 installs of it, 1,000 earlier) and CRITICAL 5 h later. */
    private static ReplayedAlert alert(String version, int h, boolean critical) {
        Map<Severity, Reach> reached = new EnumMap<>(Severity.class);
        for (Severity s : new Severity[] {Severity.LOW, Severity.MEDIUM, Severity.HIGH}) {
            reached.put(s, new Reach(hour(h), 100, 1000));
        }
        if (critical) {
            reached.put(Severity.CRITICAL, new Reach(hour(h + 5), 300, 900));
        }
        return new ReplayedAlert(version, hour(h), critical ? Severity.CRITICAL : Severity.HIGH, "s", reached);
    }

    /** Versions a and b judged for two weeks each (672 version-hours = 4 version-weeks). */
    private static Replay replay(ReplayedAlert... alerts) {
        return new Replay("notes", hour(0), hour(335), 336, List.of(alerts),
                Map.of("a", hours(0, 336), "b", hours(0, 336)));
    }

    @Test
    void unconfirmedAlertsPerHundredVersionWeeksOutsideConfirmedIncidents() {
        // b's alert lies in an incident somebody acknowledged (hours 100..268, a week): confirmed, and that week is
        // no exposure to false alerts; a's alert is false by the product's own record
        Replay r = replay(alert("a", 10, false), alert("b", 120, true));
        PlaceboEstimate e = PlaceboEstimate.of(r, List.of(new ConfirmedPeriod("b", hour(100), hour(268))), 0.5);
        assertThat(e.unconfirmed()).extracting(ReplayedAlert::version).containsExactly("a");
        assertThat(e.confirmed()).extracting(ReplayedAlert::version).containsExactly("b");
        assertThat(e.versionWeeks()).isEqualTo(3.0);
        assertThat(e.perHundredVersionWeeks()).isCloseTo(33.33, within(0.01));
        assertThat(e.overBudget()).isTrue();
    }

    @Test
    void anIncidentOfAnotherVersionOrAnotherTimeConfirmsNothing() {
        Replay r = replay(alert("a", 10, false));
        // b's incident, and a's own incident that ended before a's alert (the end is exclusive)
        PlaceboEstimate e = PlaceboEstimate.of(r, List.of(new ConfirmedPeriod("b", hour(0), null),
                new ConfirmedPeriod("a", hour(0), hour(10))), 0.5);
        assertThat(e.unconfirmed()).hasSize(1);
        // an incident still acknowledged (no end) covers the rest of the period
        PlaceboEstimate open = PlaceboEstimate.of(r, List.of(new ConfirmedPeriod("a", hour(5), null)), 0.5);
        assertThat(open.unconfirmed()).isEmpty();
        assertThat(open.versionWeeks()).isCloseTo((5 + 336) / 168.0, within(1e-9));
    }

    @Test
    void aConfirmedPeriodReachesBackByTheLookBack() {
        ConfirmedPeriod p = ConfirmedPeriod.of("a", hour(200), hour(300), Duration.ofHours(168));
        assertThat(p.from()).isEqualTo(hour(32));
        assertThat(p.covers("a", hour(32))).isTrue();
        assertThat(p.covers("a", hour(31))).isFalse();
        assertThat(p.covers("a", hour(300))).isFalse();
    }

    @Test
    void noFalseAlertIsWithinBudgetButTooLittleHistoryCannotShowIt() {
        PlaceboEstimate e = PlaceboEstimate.of(replay(), List.of(), 0.5);
        assertThat(e.perHundredVersionWeeks()).isZero();
        assertThat(e.overBudget()).isFalse();
        // 0 events: the 95% upper bound of the mean is -ln(0.05) = 2.996, over 4 version-weeks 74.9 per 100
        assertThat(e.upperBound()).isCloseTo(74.89, within(0.01));
        assertThat(e.shownWithinBudget()).isFalse();
        // 600 version-weeks without a false alert show it: 2.996 / 600 * 100 = 0.499
        PlaceboEstimate long_ = new PlaceboEstimate(600, List.of(), List.of(), 0.5);
        assertThat(long_.shownWithinBudget()).isTrue();
        // no exposure at all: nothing shown, nothing over
        PlaceboEstimate none = new PlaceboEstimate(0, List.of(), List.of(), 0.5);
        assertThat(none.perHundredVersionWeeks()).isZero();
        assertThat(none.shownWithinBudget()).isFalse();
    }

    @Test
    void theBudgetIsAnUpperLimitInclusive() {
        // one false alert in 200 version-weeks is exactly 0.5 per 100: at the budget, not over it
        PlaceboEstimate e = new PlaceboEstimate(200, List.of(alert("a", 1, false)), List.of(), 0.5);
        assertThat(e.perHundredVersionWeeks()).isEqualTo(0.5);
        assertThat(e.overBudget()).isFalse();
        assertThat(new PlaceboEstimate(200, List.of(alert("a", 1, false)), List.of(), 0.4).overBudget()).isTrue();
    }

    @Test
    void exactPoissonUpperLimitsMatchTheTables() {
        // Garwood's one-sided 95% limits: chi-square(0.95; 2k+2) / 2
        assertThat(PlaceboEstimate.poissonUpper(0, 0.05)).isCloseTo(2.996, within(0.001));
        assertThat(PlaceboEstimate.poissonUpper(1, 0.05)).isCloseTo(4.744, within(0.001));
        assertThat(PlaceboEstimate.poissonUpper(2, 0.05)).isCloseTo(6.296, within(0.001));
        assertThat(PlaceboEstimate.poissonUpper(10, 0.05)).isCloseTo(16.962, within(0.001));
    }

    @Test
    void whatAPolicyWouldHaveSentFromEachSeverityToEachAudience() {
        Replay r = replay(alert("a", 10, false), alert("b", 120, true));
        PlaceboEstimate e = PlaceboEstimate.of(r, List.of(new ConfirmedPeriod("b", hour(100), null)), 0.5);
        // from HIGH both alerts notify, each when it reached HIGH: 100 running it, 1,000 on earlier versions
        assertThat(e.wouldSend(Severity.HIGH, true, false)).isEqualTo(new PlaceboEstimate.Sent(2, 200, 1, 100));
        assertThat(e.wouldSend(Severity.HIGH, true, true)).isEqualTo(new PlaceboEstimate.Sent(2, 2200, 1, 1100));
        // from CRITICAL only b's (confirmed), when it got there: 300 running it, 900 not yet upgraded
        assertThat(e.wouldSend(Severity.CRITICAL, false, true)).isEqualTo(new PlaceboEstimate.Sent(1, 900, 0, 0));
    }
}

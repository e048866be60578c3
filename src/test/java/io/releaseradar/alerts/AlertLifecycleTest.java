package io.releaseradar.alerts;

import static io.releaseradar.alerts.AlertView.Status.ACKNOWLEDGED;
import static io.releaseradar.alerts.AlertView.Status.DISMISSED;
import static io.releaseradar.alerts.AlertView.Status.OPEN;
import static io.releaseradar.alerts.AlertView.Status.RESOLVED;
import static io.releaseradar.detection.core.Severity.CRITICAL;
import static io.releaseradar.detection.core.Severity.HIGH;
import static io.releaseradar.detection.core.Severity.LOW;
import static io.releaseradar.detection.core.Severity.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseradar.alerts.AlertLifecycle.Action;
import io.releaseradar.alerts.AlertLifecycle.Decision;
import io.releaseradar.alerts.AlertLifecycle.Latest;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final Instant AS_OF = Instant.parse("2026-03-05T12:30:00Z");
    private final AlertLifecycle lifecycle = AlertLifecycle.defaults();

    static Finding finding(Severity severity, double score, Duration... windows) {
        List<Signal> signals = (windows.length == 0 ? List.of(Duration.ofHours(24)) : List.of(windows)).stream()
                .map(w -> new Signal("lost note", w, 12, 2.5, 4.8, score, Signal.Baseline.OTHER_VERSIONS)).toList();
        return new Finding("notes", "2.4.0", severity, score, "lost note", 12, 0.01, signals, "summary");
    }

    private Decision decide(Latest latest, Finding f) {
        return lifecycle.decide(latest, f, AS_OF);
    }

    @Test
    void aFirstFindingOpensAnAlertWithItsSeverityAndScore() {
        assertThat(decide(null, finding(MEDIUM, 6.2))).isEqualTo(new Decision(Action.OPEN, MEDIUM, 6.2));
    }

    @Nested
    class ActiveAlert {

        @Test
        void theSameFindingAgainChangesNothing() {
            Decision d = decide(new Latest(OPEN, MEDIUM, 6.2), finding(MEDIUM, 6.2));
            assertThat(d.action()).isEqualTo(Action.NONE);
            assertThat(d.changes()).isFalse();
        }

        @Test
        void weakerEvidenceChangesNothing() {
            assertThat(decide(new Latest(OPEN, MEDIUM, 6.2), finding(LOW, 4.0)).action()).isEqualTo(Action.NONE);
        }

        @Test
        void aHigherScoreUpdatesAndKeepsTheSeverity() {
            assertThat(decide(new Latest(OPEN, MEDIUM, 6.2), finding(MEDIUM, 8.0)))
                    .isEqualTo(new Decision(Action.UPDATE, MEDIUM, 8.0));
        }

        @Test
        void aHigherSeverityUpdatesEvenWithALowerScoreAndTheScoreStaysTheStrongestSoFar() {
            assertThat(decide(new Latest(OPEN, MEDIUM, 6.2), finding(HIGH, 5.0)))
                    .isEqualTo(new Decision(Action.UPDATE, HIGH, 6.2));
        }

        @Test
        void aStrongerScoreWithALowerSeverityNeverLowersTheSeverity() {
            assertThat(decide(new Latest(OPEN, HIGH, 10.5), finding(MEDIUM, 12.0)))
                    .isEqualTo(new Decision(Action.UPDATE, HIGH, 12.0));
        }

        @Test
        void anAcknowledgedAlertIsUpdatedLikeAnOpenOne() {
            assertThat(decide(new Latest(ACKNOWLEDGED, LOW, 3.0), finding(CRITICAL, 9.0)))
                    .isEqualTo(new Decision(Action.UPDATE, CRITICAL, 9.0));
            assertThat(decide(new Latest(ACKNOWLEDGED, LOW, 3.0), finding(LOW, 3.0)).action())
                    .isEqualTo(Action.NONE);
        }
    }

    @Nested
    class Dismissed {

        @Test
        void theSameEvidenceDoesNotReopen() {
            assertThat(decide(new Latest(DISMISSED, MEDIUM, 6.0, AS_OF.minusSeconds(7200)), finding(MEDIUM, 6.0))
                    .action()).isEqualTo(Action.NONE);
        }

        @Test
        void somewhatStrongerEvidenceDoesNotReopen() {
            assertThat(decide(new Latest(DISMISSED, MEDIUM, 6.0), finding(MEDIUM, 11.99)).action())
                    .isEqualTo(Action.NONE);
        }

        @Test
        void twiceTheScoreOpensANewAlertThatIsNotRegressed() {
            assertThat(decide(new Latest(DISMISSED, MEDIUM, 6.0), finding(MEDIUM, 12.0)))
                    .isEqualTo(new Decision(Action.OPEN, MEDIUM, 12.0));
        }

        @Test
        void aHigherSeverityOpensEvenWithTheSameScore() {
            assertThat(decide(new Latest(DISMISSED, MEDIUM, 6.0), finding(HIGH, 6.0)))
                    .isEqualTo(new Decision(Action.OPEN, HIGH, 6.0));
        }

        @Test
        void theFactorIsAParameter() {
            AlertLifecycle strict = new AlertLifecycle(3.0);
            Latest dismissed = new Latest(DISMISSED, MEDIUM, 6.0);
            assertThat(strict.decide(dismissed, finding(MEDIUM, 12.0), AS_OF).action()).isEqualTo(Action.NONE);
            assertThat(strict.decide(dismissed, finding(MEDIUM, 18.0), AS_OF).action()).isEqualTo(Action.OPEN);
            assertThatThrownBy(() -> new AlertLifecycle(0.5)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Resolved {

        @Test
        void evidenceGatheredAfterTheResolutionReopensAsRegressed() {
            // asOf 12:30 -> windows end 12:00; a 24 h window starts 12:00 the day before, after the 10:30 resolve.
            Latest resolved = new Latest(RESOLVED, HIGH, 11.0, Instant.parse("2026-03-04T10:30:00Z"));
            assertThat(decide(resolved, finding(LOW, 3.5)))
                    .isEqualTo(new Decision(Action.OPEN_REGRESSED, LOW, 3.5));
        }

        @Test
        void evidenceThatReachesBackBeforeTheResolutionIsWhatWasResolved() {
            Latest resolved = new Latest(RESOLVED, HIGH, 11.0, Instant.parse("2026-03-05T10:30:00Z"));
            Decision d = decide(resolved, finding(CRITICAL, 30.0, Duration.ofHours(24), Duration.ofHours(72)));
            assertThat(d.action()).isEqualTo(Action.NONE);
            assertThat(d.severity()).isEqualTo(HIGH);
        }

        @Test
        void oneSignalWhollyAfterTheResolutionIsEnough() {
            Latest resolved = new Latest(RESOLVED, HIGH, 11.0, Instant.parse("2026-03-05T06:00:00Z"));
            assertThat(decide(resolved, finding(MEDIUM, 7.0, Duration.ofHours(72), Duration.ofHours(6))).action())
                    .isEqualTo(Action.OPEN_REGRESSED);
            assertThat(decide(resolved, finding(MEDIUM, 7.0, Duration.ofHours(72), Duration.ofHours(7))).action())
                    .isEqualTo(Action.NONE);
        }

        @Test
        void withoutACloseTimeAnyReturningFindingReopens() {
            assertThat(decide(new Latest(RESOLVED, HIGH, 11.0), finding(LOW, 3.0)).action())
                    .isEqualTo(Action.OPEN_REGRESSED);
        }
    }

    @Test
    void manualTransitionsOnlyLeaveActiveStatesAndRepeatingOneIsAllowed() {
        assertThat(AlertLifecycle.canMove(OPEN, ACKNOWLEDGED)).isTrue();
        assertThat(AlertLifecycle.canMove(OPEN, RESOLVED)).isTrue();
        assertThat(AlertLifecycle.canMove(OPEN, DISMISSED)).isTrue();
        assertThat(AlertLifecycle.canMove(ACKNOWLEDGED, RESOLVED)).isTrue();
        assertThat(AlertLifecycle.canMove(ACKNOWLEDGED, DISMISSED)).isTrue();
        assertThat(AlertLifecycle.canMove(ACKNOWLEDGED, ACKNOWLEDGED)).isTrue();
        assertThat(AlertLifecycle.canMove(RESOLVED, RESOLVED)).isTrue();

        assertThat(AlertLifecycle.canMove(ACKNOWLEDGED, OPEN)).isFalse();
        assertThat(AlertLifecycle.canMove(DISMISSED, RESOLVED)).isFalse();
        assertThat(AlertLifecycle.canMove(DISMISSED, ACKNOWLEDGED)).isFalse();
        assertThat(AlertLifecycle.canMove(RESOLVED, DISMISSED)).isFalse();
        assertThat(AlertLifecycle.canMove(RESOLVED, ACKNOWLEDGED)).isFalse();
    }
}

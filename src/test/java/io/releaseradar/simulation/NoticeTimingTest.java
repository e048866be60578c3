package io.releaseradar.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.releaseradar.simulation.NoticeTiming.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeTimingTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + "Z");
    }

    /*
     * Two mails a second from 10:00:00. Audience a, b, c, d, e, g in that order; f is affected but not in it.
     *   a  first contact 09:00 (before T)     suppressed, takes no slot
     *   b  never calls                        slot 0 at 10:00:00.0
     *   c  first contact 10:00:00.7           slot 1 at 10:00:00.5 -> warned, 0.2 s ahead (late had a taken a slot)
     *   d  first contact 12:00:01.5           slot 2 at 10:00:01.0 -> warned, 7,200.5 s ahead
     *   e  never calls                        slot 3 at 10:00:01.5
     *   g  first contact 10:00:02.0           slot 4 at 10:00:02.0 -> same instant: not before, not warned
     *   f  first contact 11:00, no mail       reachable, outside the audience
     * Affected a, c, d, f, g = 5; reachable (first contact at or after T) c, d, f, g = 4; warned c, d = 2.
     */
    private static final Map<String, Instant> FIRST = Map.of("a", at("09:00:00"), "c", at("10:00:00.7"),
            "d", at("12:00:01.5"), "g", at("10:00:02"), "f", at("11:00:00"));
    private static final List<String> AUDIENCE = List.of("a", "b", "c", "d", "e", "g");

    /** Lead times in whole milliseconds, so that hand-computed values compare exactly. */
    private static List<Long> millis(List<Double> hours) {
        return hours.stream().map(h -> Math.round(h * 3_600_000)).toList();
    }

    @Test
    void countsWarnedSuppressedAndReachableCustomersOfAHandMadeNotice() {
        Outcome o = NoticeTiming.of(T, 2.0, AUDIENCE, FIRST);

        assertThat(o.affected()).isEqualTo(5);
        assertThat(o.reachable()).isEqualTo(4);
        assertThat(o.warned()).isEqualTo(2);
        assertThat(o.suppressed()).isEqualTo(1);
        assertThat(o.recipients()).isEqualTo(5);
        assertThat(o.outsideAudience()).isEqualTo(1);
        assertThat(o.share()).isEqualTo(0.4);
        assertThat(o.shareOfReachable()).isEqualTo(0.5);
        assertThat(millis(o.leadHours())).containsExactly(200L, 7_200_500L);
        assertThat(o.medianLeadHours()).isCloseTo(0.2 / 3600, within(1e-12));
    }

    @Test
    void aFasterThrottleWarnsTheCustomerWhoseMailTiedWithTheirCall() {
        // at 4 mails a second g's slot 4 is 10:00:01.0, a second before g calls
        Outcome o = NoticeTiming.of(T, 4.0, AUDIENCE, FIRST);

        assertThat(o.warned()).isEqualTo(3);
        assertThat(millis(o.leadHours())).containsExactly(450L, 7_201_000L, 1_000L);
    }

    @Test
    void aLaterNoticeSuppressesThoseWhoCalledMeanwhileAndWarnsFewer() {
        // approved at 11:30: a, c, f and g have called; d gets slot 1 (after b) at 11:30:00.5
        Outcome o = NoticeTiming.of(at("11:30:00"), 2.0, AUDIENCE, FIRST);

        assertThat(o.suppressed()).isEqualTo(3);
        assertThat(o.reachable()).isEqualTo(1);
        assertThat(o.warned()).isEqualTo(1);
        assertThat(o.outsideAudience()).isZero();
        assertThat(millis(o.leadHours())).containsExactly(1_801_000L);
    }

    @Test
    void withoutANoticeNobodyIsWarnedAndOutcomesAddUp() {
        Outcome none = NoticeTiming.none(FIRST);
        assertThat(none.notices()).isZero();
        assertThat(none.warned()).isZero();
        assertThat(none.reachable()).isEqualTo(5);

        Outcome sum = none.plus(NoticeTiming.of(T, 2.0, AUDIENCE, FIRST));
        assertThat(sum.incidents()).isEqualTo(2);
        assertThat(sum.notices()).isEqualTo(1);
        assertThat(sum.affected()).isEqualTo(10);
        assertThat(sum.share()).isEqualTo(0.2);
        assertThat(sum.shareOfReachable()).isEqualTo(2.0 / 9);
        assertThat(Outcome.ZERO.share()).isNaN();
        assertThat(Outcome.ZERO.medianLeadHours()).isNaN();
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> NoticeTiming.of(T, 0, AUDIENCE, FIRST)).isInstanceOf(IllegalArgumentException.class);
    }
}

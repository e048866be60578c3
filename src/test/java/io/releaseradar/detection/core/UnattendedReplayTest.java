package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.UnattendedReplay.Reach;
import io.releaseradar.detection.core.UnattendedReplay.Replay;
import io.releaseradar.detection.core.UnattendedReplay.ReplayedAlert;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnattendedReplayTest {

    private static final int END = 30 * 24;

    /** Three versions of 2,000 installs each, one customer per hour each; 1.2 released last. */
    private static GridSource quietProduct() {
        return new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 120, "1.0").release("1.2", 240, "1.1")
                .installs("1.0", 0, END + 24, 2000).installs("1.1", 120, END + 24, 2000)
                .installs("1.2", 240, END + 24, 2000)
                .customers("1.0", "", 0, END + 24, 1).customers("1.1", "", 120, END + 24, 1)
                .customers("1.2", "", 240, END + 24, 1);
    }

    @Test
    void aVersionsAlertOpensOnceAtItsFirstFindingWithWhoRanWhatWhenItReachedEachSeverity() {
        GridSource source = quietProduct().customers("1.2", "lost note", END - 24, END + 24, 3);
        Replay r = UnattendedReplay.run("notes", hour(END - 48), hour(END), () -> source, DetectionSettings.defaults());

        assertThat(r.evaluations()).isEqualTo(49);
        assertThat(r.alerts()).extracting(ReplayedAlert::version).containsExactly("1.2");
        ReplayedAlert a = r.alerts().get(0);
        assertThat(a.openedAt()).isAfter(hour(END - 24)).isBeforeOrEqualTo(hour(END));
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        // a notice from HIGH would have gone out no later than one from CRITICAL, to 1.2's 2,000 installs, or to
        // the 4,000 of 1.0 and 1.1, released before it, for customers who had not upgraded yet
        Reach critical = a.reached(Severity.CRITICAL).orElseThrow();
        Reach high = a.reached(Severity.HIGH).orElseThrow();
        assertThat(high.at()).isBeforeOrEqualTo(critical.at());
        assertThat(critical.versionInstalls()).isEqualTo(2000);
        assertThat(critical.earlierInstalls()).isEqualTo(4000);
        // every version had enough data at every step
        assertThat(r.judgedHours()).containsOnlyKeys("1.0", "1.1", "1.2");
        assertThat(r.judgedHours().get("1.2")).hasSize(49).first().isEqualTo(hour(END - 48));
    }

    @Test
    void aQuietProductReplaysNoAlertAndAProductWideSurgeNoVersionAlert() {
        GridSource quiet = quietProduct();
        assertThat(UnattendedReplay.run("notes", hour(END - 24), hour(END), () -> quiet, DetectionSettings.defaults())
                .alerts()).isEmpty();
        GridSource surge = quietProduct().customers("1.0", "", END - 24, END, 4).customers("1.1", "", END - 24, END, 4)
                .customers("1.2", "", END - 24, END, 4);
        assertThat(UnattendedReplay.run("notes", hour(END - 6), hour(END), () -> surge, DetectionSettings.defaults())
                .alerts()).isEmpty();
    }

    @Test
    void versionsNotYetJudgedHaveNoHours() {
        // 1.3 runs on 20 installs: below the fewest to judge a version (50)
        GridSource source = quietProduct().release("1.3", END - 100, "1.2").installs("1.3", END - 100, END + 24, 20);
        Replay r = UnattendedReplay.run("notes", hour(END - 3), hour(END), () -> source, DetectionSettings.defaults());
        assertThat(r.judgedHours()).doesNotContainKey("1.3");
    }

    @Test
    void theNotYetUpgradedAreTheInstallsOfVersionsReleasedBefore() {
        Map<String, java.time.Instant> released = Map.of("1.0", hour(0), "1.1", hour(10), "1.2", hour(20));
        Map<String, Long> installs = Map.of("1.0", 5L, "1.1", 7L, "1.2", 11L, "2.0-beta", 13L);
        assertThat(UnattendedReplay.earlierInstalls("1.2", released, installs)).isEqualTo(12);
        assertThat(UnattendedReplay.earlierInstalls("1.0", released, installs)).isZero();
        assertThat(UnattendedReplay.earlierInstalls("unknown", released, installs)).isZero();
    }
}

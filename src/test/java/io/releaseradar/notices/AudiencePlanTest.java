package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.installbase.Recipients.Recipient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AudiencePlanTest {

    private static final List<Recipient> RUNNING = List.of(
            new Recipient("a", "2.0", "A", "a@x.org", false),
            new Recipient("b", "2.0", "B", "b@x.org", true),          // opted out, and in touch: opted out wins
            new Recipient("c", "2.0", null, null, false),              // no address
            new Recipient("d", "2.0", "D", "d@x.org", false));         // in touch
    private static final List<Recipient> EARLIER = List.of(
            new Recipient("e", "1.0", "E", "e@x.org", false),
            new Recipient("f", "1.1", "F", "f@x.org", false));         // capped

    @Test
    void eachAudienceTakesItsGroupsAndTheFirstReasonWins() {
        Set<String> inTouch = Set.of("b", "d");
        Set<String> capped = Set.of("f", "d");

        AudiencePlan all = AudiencePlan.of(Audience.ALL, RUNNING, EARLIER, inTouch, capped);
        assertThat(all.entries()).extracting(AudiencePlan.Entry::customerId).containsExactly("a", "b", "c", "d", "e",
                "f");
        assertThat(all.entries()).extracting(AudiencePlan.Entry::suppression).containsExactly(null,
                Suppression.OPTED_OUT, Suppression.NO_EMAIL, Suppression.IN_TOUCH, null, Suppression.FREQUENCY_CAP);
        assertThat(all.breakdown()).isEqualTo(new Breakdown(1, 1, Map.of(Suppression.OPTED_OUT, 1,
                Suppression.NO_EMAIL, 1, Suppression.IN_TOUCH, 1, Suppression.FREQUENCY_CAP, 1)));
        assertThat(all.breakdown().mailed()).isEqualTo(2);

        AudiencePlan installed = AudiencePlan.of(Audience.INSTALLED, RUNNING, EARLIER, inTouch, capped);
        assertThat(installed.entries()).allMatch(e -> e.group() == Audience.INSTALLED).hasSize(4);
        assertThat(installed.breakdown().mailed()).isEqualTo(1);

        AudiencePlan earlier = AudiencePlan.of(Audience.NOT_YET_UPGRADED, RUNNING, EARLIER, Set.of(), Set.of());
        assertThat(earlier.entries()).extracting(AudiencePlan.Entry::runningVersion).containsExactly("1.0", "1.1");
        assertThat(earlier.breakdown()).isEqualTo(new Breakdown(0, 2, Map.of()));
    }
}

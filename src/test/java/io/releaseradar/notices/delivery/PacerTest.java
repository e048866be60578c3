package io.releaseradar.notices.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private long now = 1_000;
    private final List<Long> waits = new ArrayList<>();
    private final Pacer fourPerSecond = new Pacer(4, () -> now, nanos -> {
        waits.add(nanos);
        now += nanos;
    });

    @Test
    void sendsAreSpacedByOneOverTheRate() {
        for (int i = 0; i < 5; i++) {
            fourPerSecond.acquire();
        }
        // the first goes at once, then one every 250 ms: 5 sends take 1 s
        assertThat(waits).containsExactly(250_000_000L, 250_000_000L, 250_000_000L, 250_000_000L);
        assertThat(now).isEqualTo(1_000 + 1_000_000_000L);
    }

    @Test
    void anIdleStretchEarnsNoBurst() {
        fourPerSecond.acquire();
        now += 10_000_000_000L; // 10 s without sending
        fourPerSecond.acquire();
        fourPerSecond.acquire();
        assertThat(waits).containsExactly(250_000_000L);
    }

    @Test
    void aSlowSendIsNotMadeUpFor() {
        fourPerSecond.acquire();
        now += 400_000_000L; // the send took 400 ms
        fourPerSecond.acquire(); // late already: at once
        fourPerSecond.acquire(); // then 250 ms after that one
        assertThat(waits).containsExactly(250_000_000L);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new Pacer(0, () -> 0, n -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OffOrDurationTest {

    @Test
    void offDisabledAndBlankAreOff() {
        for (String off : new String[] {"off", "OFF", " disabled ", "", "  ", null}) {
            assertThat(OffOrDuration.parse("x", off)).as("'%s'", off).isNull();
        }
    }

    @Test
    void durationsReadAsQuarkusReadsThem() {
        assertThat(OffOrDuration.parse("x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(OffOrDuration.parse("x", " 6h ")).isEqualTo(Duration.ofHours(6));
        assertThat(OffOrDuration.parse("x", "180d")).isEqualTo(Duration.ofDays(180));
        assertThat(OffOrDuration.parse("x", "PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(OffOrDuration.parse("x", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(OffOrDuration.parse("x", "0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElseFailsNamingTheSetting() {
        for (String bad : new String[] {"soon", "-5m", "PT-1H", "1 hour"}) {
            assertThatThrownBy(() -> OffOrDuration.parse("radar.some.interval", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("radar.some.interval").hasMessageContaining(bad);
        }
    }
}

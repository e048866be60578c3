package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.platform.Backoff;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With the shipped defaults, an SMTP server that stays away for half an hour loses no notice: the delivery worker
 * keeps retrying each mail for longer than that before it gives the mail up as FAILED. (NoticeSmtpOutageTest shows
 * the retries delivering once the server is back, with a shortened back-off.)
 */
class NoticeRetryPatienceTest {

    @Test
    void theDefaultsRetryAMailForMoreThanHalfAnHourOfSmtpOutage() throws Exception {
        Backoff backoff = new Backoff(Duration.parse("PT" + defaultOf("backoffBase").toUpperCase()),
                Duration.parse("PT" + defaultOf("backoffMax").toUpperCase()));
        int attempts = Integer.parseInt(defaultOf("maxAttempts"));

        assertThat(backoff.patience(attempts)).isGreaterThan(Duration.ofMinutes(30));
    }

    @Test
    void patienceIsTheSumOfTheWaitsBetweenTheAttempts() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15));
        // 30 s + 1 + 2 + 4 + 8 + 15 + 15 min
        assertThat(backoff.patience(8)).isEqualTo(Duration.ofSeconds(30).plusMinutes(45));
        assertThat(backoff.patience(1)).isEqualTo(Duration.ZERO);
    }

    private static String defaultOf(String key) throws NoSuchMethodException {
        return NoticesConfig.class.getMethod(key).getAnnotation(WithDefault.class).value();
    }
}

package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StopGateTest {

    @Test
    void stopWaitsForWhatIsInsideAndLetsNothingFurtherThrough() throws Exception {
        StopGate gate = new StopGate("sends");
        assertThat(gate.enter()).isTrue();
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> gate.stop(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(10)).until(gate::stopping);
        assertThat(stopped).as("stop has not returned while the send is inside").isNotDone();
        assertThat(gate.enter()).as("nothing further once stopping").isFalse();

        gate.leave();
        assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();

        gate.resume();
        assertThat(gate.stopping()).isFalse();
        assertThat(gate.enter()).isTrue();
    }

    @Test
    void stopGivesUpAfterTheWaitAndSaysSo() {
        StopGate gate = new StopGate("sends");
        assertThat(gate.enter()).isTrue();
        assertThat(gate.stop(Duration.ofMillis(50))).isFalse();
        assertThat(gate.enter()).isFalse();
    }

    @Test
    void stopWithNothingInsideReturnsAtOnce() {
        assertThat(new StopGate("sends").stop(Duration.ZERO)).isTrue();
    }
}

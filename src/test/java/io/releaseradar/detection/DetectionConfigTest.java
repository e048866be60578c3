package io.releaseradar.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.detection.core.DetectionSettings;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The service ships the settings the quality benchmark measured: {@code radar.detection.*} defaults (the test profile
 * sets none of them) give exactly {@link DetectionSettings#defaults()}, which the benchmark and the simulator use.
 */
@QuarkusTest
class DetectionConfigTest {

    @Inject
    DetectionConfig config;

    @Test
    void theConfiguredDefaultsAreTheSettingsTheBenchmarkMeasured() {
        assertThat(config.settings()).isEqualTo(DetectionSettings.defaults());
    }
}

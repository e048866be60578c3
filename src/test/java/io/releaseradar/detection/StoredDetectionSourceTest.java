package io.releaseradar.detection;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.detection.core.DetectionSource.VersionRange;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Contacts;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The predecessors' days, read in one statement, are what reading each range on its own gives. */
@QuarkusTest
class StoredDetectionSourceTest {

    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");

    @Inject
    StoredDetectionSources sources;

    @Test
    void rangesReadTogetherEqualEachRangeReadAlone() {
        String product = uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            for (String version : List.of("1.0.0", "1.1.0")) {
                Map<String, Object> c = Contacts.contact(product, version + "-" + h, T0.plus(Duration.ofHours(h))
                        .plusSeconds(60).toString());
                c.put("version", version);
                c.put("subject", h % 3 == 0 ? "printer jam" : "lost note");
                batch.add(c);
            }
        }
        as(Roles.INGEST).body(batch).post("/api/v1/contacts/batch").then().statusCode(200)
                .body("accepted", equalTo(batch.size()));

        StoredDetectionSource source = sources.asOf(T0.plus(Duration.ofDays(2)));
        List<VersionRange> ranges = List.of(
                new VersionRange("1.0.0", T0, T0.plus(Duration.ofHours(24))),
                new VersionRange("1.1.0", T0.plus(Duration.ofHours(6)), T0.plus(Duration.ofHours(30))),
                new VersionRange("1.0.0", T0.plus(Duration.ofHours(20)), T0.plus(Duration.ofHours(26))),
                new VersionRange("9.9.9", T0, T0.plus(Duration.ofHours(24))));
        List<Map<VersionSymptom, Long>> together = source.customersOf(product, ranges);

        assertThat(together).hasSize(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            VersionRange r = ranges.get(i);
            assertThat(together.get(i)).isEqualTo(source.customersOf(product, r.version(), r.from(), r.to()));
        }
        assertThat(together.get(0)).containsEntry(new VersionSymptom("1.0.0", ""), 24L)
                .containsEntry(new VersionSymptom("1.0.0", "printer jam"), 8L);
        assertThat(together.get(2)).containsEntry(new VersionSymptom("1.0.0", ""), 6L);
        assertThat(together.get(3)).isEmpty();
        assertThat(source.customersOf(product, List.of())).isEmpty();
    }
}

package io.releaseradar.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An alert's summary quotes its key phrase the way the sample contacts wrote it most often. */
class SummaryWordingTest {

    private static Finding finding(String symptom, String summary) {
        Signal s = new Signal(symptom, Duration.ofHours(24), 12, 2.5, 4.8, 9.1, Signal.Baseline.OTHER_VERSIONS);
        return new Finding("notes", "2.4.0", Severity.HIGH, 9.1, symptom, 12, 0.01, List.of(s), summary);
    }

    private static List<AlertView.SampleContact> subjects(String... subjects) {
        return java.util.stream.IntStream.range(0, subjects.length).mapToObj(i -> new AlertView.SampleContact(
                "zendesk", "ZD-" + i, Instant.parse("2026-03-05T10:15:00Z"), subjects[i])).toList();
    }

    @Test
    void thePhraseIsQuotedInTheCustomersMostCommonWording() {
        Finding f = finding("lost note", "notes 2.4.0: \"lost note\" from 12 customers in 24 h, 4.8x the other "
                + "versions (1.0% of its installs)");
        assertThat(AlertSamples.summaryInCustomersWords(f, subjects("Losst notes", "Lost my notes!", null,
                "Notes vanished", "lost notes after the update"))).isEqualTo("notes 2.4.0: \"lost notes\" from 12 "
                        + "customers in 24 h, 4.8x the other versions (1.0% of its installs)");
        // a tie: the wording of the first sample that has the phrase
        assertThat(AlertSamples.summaryInCustomersWords(f, subjects("Losst notes", "lost notes")))
                .startsWith("notes 2.4.0: \"losst notes\" from");
    }

    @Test
    void theSummaryStaysAsItIsWithoutAPhraseOrWithoutASampleThatHasIt() {
        Finding phrase = finding("lost note", "notes 2.4.0: \"lost note\" from 12 customers");
        assertThat(AlertSamples.summaryInCustomersWords(phrase, subjects("Notes vanished", "sync stuck")))
                .isEqualTo(phrase.summary());
        assertThat(AlertSamples.summaryInCustomersWords(phrase, List.of())).isEqualTo(phrase.summary());
        Finding category = finding("category:sync", "notes 2.4.0: category sync from 12 customers");
        assertThat(AlertSamples.summaryInCustomersWords(category, subjects("Sync stuck")))
                .isEqualTo(category.summary());
        Finding all = finding(null, "notes 2.4.0: contacts from 12 customers");
        assertThat(AlertSamples.summaryInCustomersWords(all, subjects("lost notes"))).isEqualTo(all.summary());
    }
}

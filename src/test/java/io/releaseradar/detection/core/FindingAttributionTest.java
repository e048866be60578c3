package io.releaseradar.detection.core;

import static io.releaseradar.detection.core.GridSource.hour;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a finding names ({@link FindingBuilder#finding}): the complaint behind the evidence, not a neighbouring
 * phrase, not the predecessor's view when the other versions give one, and not "all contacts" when a symptom's
 * excess explains them. Signals and near misses are hand-made (their numbers from a replayed world where each rule
 * mattered); the input only supplies the product, the settings and the installs.
 */
class FindingAttributionTest {

    private static final int END = 30 * 24;
    private static final Instant AS_OF = hour(END).plus(Duration.ofMinutes(30));
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration WEEK = Duration.ofHours(168);

    /** Two versions of 5,000 installs each, both running: version 1.1 has a concurrent baseline. */
    private static EvaluationInput input() {
        GridSource source = new GridSource(END + 24)
                .release("1.0", 0, null).release("1.1", 120, "1.0")
                .installs("1.0", 0, END + 24, 5000).installs("1.1", 120, END + 24, 5000)
                .customers("1.0", "", 0, END + 24, 1).customers("1.1", "", 120, END + 24, 1);
        return EvaluationInput.load("notes", AS_OF, source, DetectionSettings.defaults());
    }

    private static Signal signal(String symptom, Duration window, long observed, double expected, double score,
            Signal.Baseline baseline) {
        return new Signal(symptom, window, observed, expected, Math.round(observed / expected * 100) / 100.0, score,
                baseline);
    }

    private static Candidate nearMiss(String symptom, Duration window, long observed, double expected, double p) {
        return new Candidate("1.1", symptom, window, Signal.Baseline.OTHER_VERSIONS, observed, expected,
                observed / expected, p, true);
    }

    @Test
    void aNeighbouringPhraseIsNamedByItsComplaintsOwnWordsWhichCarryMoreOfTheExcess() {
        // "log yesterday" passed; "log" (every contact that says "log yesterday" says "log") did not, this hour
        List<Signal> signals = List.of(signal("log yesterday", WEEK, 18, 2.87, 2.41, Signal.Baseline.OTHER_VERSIONS));
        List<Candidate> nearMisses = List.of(nearMiss("log", WEEK, 73, 12.0, 3.3e-10),
                nearMiss("category:how-to", Duration.ofHours(72), 92, 60.0, 0.04));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, nearMisses);

        assertThat(f.symptom()).isEqualTo("log");
        assertThat(f.customers()).isEqualTo(73);
        assertThat(f.summary()).startsWith("notes 1.1: \"log\" (also \"log yesterday\") from 73 customers in 7 days, "
                + "6.1x the other versions");
        assertThat(f.signals().get(0).symptom()).isEqualTo("log");
        assertThat(f.signals()).extracting(Signal::symptom).contains("log yesterday");
        // the evidence that passed keeps the score and the severity
        assertThat(f.score()).isEqualTo(2.41);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void aPhraseInsideTheLeadingPhraseNamesItWhenItsExcessIsLarger() {
        // both passed: "update slow" is the stronger, "slow" has more customers beyond those expected
        List<Signal> signals = List.of(signal("update slow", WEEK, 4, 1.72, 4.56, Signal.Baseline.OTHER_VERSIONS),
                signal("slow", WEEK, 5, 2.02, 3.9, Signal.Baseline.OTHER_VERSIONS));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, List.of());

        assertThat(f.symptom()).isEqualTo("slow");
        assertThat(f.summary()).contains("\"slow\" (also \"update slow\") from 5 customers");
    }

    @Test
    void aPartOfTheLeadingPhraseWithItsCustomersAndAboutItsExcessNamesTheComplaint() {
        // consumer-bursty/14 (tuning family, seed 14), 'freezes on export' at 7.9x: "update freze" passed, "freze"
        // (the same 3 customers, a hair more expected) did not, this hour
        List<Signal> signals = List.of(signal("update freze", WEEK, 3, 1.5, 4.3, Signal.Baseline.OTHER_VERSIONS));
        List<Candidate> nearMisses = List.of(nearMiss("freze", WEEK, 3, 1.515, 3.7e-5),
                nearMiss("update freze", Duration.ofHours(6), 3, 1.51, 2.2e-4));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, nearMisses);

        assertThat(f.symptom()).isEqualTo("freze");
        assertThat(f.summary()).startsWith("notes 1.1: \"freze\" (also \"update freze\") from 3 customers in 7 days, "
                + "2.0x the other versions");
        assertThat(f.signals()).extracting(Signal::symptom).startsWith("freze", "update freze");
        assertThat(f.score()).isEqualTo(4.3);
    }

    @Test
    void ofTwoPartsOfThePhraseTheOneWithTheLargerExcessNamesItInWhateverOrderTheyCome() {
        List<Signal> signals = List.of(signal("update duplicate", WEEK, 4, 1.5, 4.3, Signal.Baseline.OTHER_VERSIONS));
        Candidate update = nearMiss("update", WEEK, 4, 1.7, 3.7e-5);
        Candidate duplicate = nearMiss("duplicate", WEEK, 4, 1.5, 3.7e-5);

        for (List<Candidate> nearMisses : List.of(List.of(update, duplicate), List.of(duplicate, update))) {
            Finding f = FindingBuilder.finding(input(), "1.1", signals, nearMisses);

            assertThat(f.symptom()).as("near misses in the order %s", nearMisses).isEqualTo("duplicate");
        }
    }

    @Test
    void aPartThatIsOnlyANegationNeverNamesTheComplaint() {
        // "not" has the customers and the excess of "not arriving" (every contact of it says "not"), yet says nothing
        List<Signal> signals = List.of(signal("not arriving", DAY, 3, 1.5, 4.3, Signal.Baseline.OTHER_VERSIONS));
        List<Candidate> nearMisses = List.of(nearMiss("not", DAY, 3, 1.5, 3.7e-5));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, nearMisses);

        assertThat(f.symptom()).isEqualTo("not arriving");
        assertThat(PhraseExtractor.onlyNegations(PhraseExtractor.normalisePhrase("cannot not"))).isTrue();
        assertThat(PhraseExtractor.onlyNegations("not arriving")).isFalse();
    }

    @Test
    void aPartOfTheLeadingPhraseWithClearlyLessExcessDoesNotNameIt() {
        List<Signal> signals = List.of(signal("update freze", WEEK, 3, 1.5, 4.3, Signal.Baseline.OTHER_VERSIONS));
        // as many customers, but "freze" is common on the other versions: 1.0 beyond expected against 1.5
        List<Candidate> nearMisses = List.of(nearMiss("freze", WEEK, 3, 2.0, 3.7e-5));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, nearMisses);

        assertThat(f.symptom()).isEqualTo("update freze");
    }

    @Test
    void theOtherVersionsNameTheFindingBeforeThePredecessorAtTheSameAge() {
        // the predecessor's first day drew fewer contacts of a category every version has; the concurrent test
        // found the complaint
        List<Signal> signals = List.of(
                signal("category:connectivity", DAY, 47, 4.85, 5.28, Signal.Baseline.PREDECESSOR_SAME_AGE),
                signal("slow search", WEEK, 13, 2.63, 2.55, Signal.Baseline.OTHER_VERSIONS));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, List.of());

        assertThat(f.symptom()).isEqualTo("slow search");
        assertThat(f.score()).isEqualTo(5.28);
        assertThat(f.summary()).startsWith("notes 1.1: \"slow search\" from 13 customers in 7 days");
    }

    @Test
    void aVersionsContactsAsAWholeAreNamedByTheSymptomWhoseExcessExplainsMostOfThem() {
        List<Signal> signals = List.of(signal(null, DAY, 70, 17.1, 6.2, Signal.Baseline.CUSUM_SINCE_RELEASE));
        List<Candidate> nearMisses = List.of(nearMiss("", DAY, 70, 17.1, 1e-6),
                nearMiss("slow search", DAY, 25, 5.0, 0.001), nearMiss("search", DAY, 26, 8.0, 0.01),
                nearMiss("category:how-to", DAY, 30, 20.0, 0.03));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, nearMisses);

        assertThat(f.symptom()).isEqualTo("slow search");
        assertThat(f.customers()).isEqualTo(70);
        assertThat(f.summary()).startsWith("notes 1.1: contacts from 70 customers in 24 h, 4.1x the other versions "
                + "since release").endsWith("; most of the excess: \"slow search\" from 25 customers in 24 h, 5.0x "
                + "the other versions");
        assertThat(f.signals().get(0).symptom()).isNull();
        assertThat(f.signals()).extracting(Signal::symptom).contains("slow search");
    }

    @Test
    void aSymptomSignalNamesTheFindingEvenWhenTheContactsAsAWholeAreStronger() {
        List<Signal> signals = List.of(signal(null, DAY, 45, 11.6, 5.4, Signal.Baseline.CUSUM_SINCE_RELEASE),
                signal("crash start", WEEK, 5, 1.89, 2.38, Signal.Baseline.OTHER_VERSIONS));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, List.of());

        assertThat(f.symptom()).isEqualTo("crash start");
        assertThat(f.score()).isEqualTo(5.4);
    }

    @Test
    void withNothingBehindTheContactsTheFindingNamesNoSymptom() {
        List<Signal> signals = List.of(signal(null, DAY, 45, 11.6, 5.4, Signal.Baseline.CUSUM_SINCE_RELEASE));

        Finding f = FindingBuilder.finding(input(), "1.1", signals, List.of());

        assertThat(f.symptom()).isNull();
        assertThat(f.summary()).doesNotContain("most of the excess");
    }
}

package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseradar.alerts.AlertView;
import io.releaseradar.releases.ReleaseView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of a notice's own placeholders: the symptom as customers say it, and the fix version. */
class NoticeFieldsTest {

    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");

    private static AlertView.SampleContact said(String subject) {
        return new AlertView.SampleContact("zendesk", subject, T, subject);
    }

    @Test
    void theSymptomIsInTheCustomersWordsNeverItsKey() {
        List<AlertView.SampleContact> samples = List.of(said("Notes vanished after the update"),
                said("all my notes vanished!!"), said("Note vanish"), said("Something else"));
        assertThat(NoticeFields.symptom("note vanished", samples)).isEqualTo("notes vanished");
        assertThat(NoticeFields.symptom("note vanished", List.of())).as("nobody wrote it: the key")
                .isEqualTo("note vanished");
        assertThat(NoticeFields.symptom("category:sync-issues", samples)).isEqualTo("sync issues");
        assertThat(NoticeFields.symptom(null, samples)).isEqualTo(NoticeFields.ANY_PROBLEM);
        assertThat(NoticeFields.symptom("", samples)).isEqualTo(NoticeFields.ANY_PROBLEM);
    }

    @Test
    void theFixIsTheNewestReleaseAfterTheVersionThatIsOutAlready() {
        List<ReleaseView> releases = List.of(release("2.0", "2026-03-01T00:00:00Z"),
                release("2.0.1", "2026-03-05T00:00:00Z"), release("2.1", "2026-03-08T00:00:00Z"),
                release("1.9", "2026-02-01T00:00:00Z"), release("2.2", "2026-03-20T00:00:00Z"));
        assertThat(NoticeFields.fixVersion("2.0", releases, T)).contains("2.1");
        assertThat(NoticeFields.fixVersion("2.1", releases, T)).as("2.2 is not out yet").isEmpty();
        assertThat(NoticeFields.fixVersion("2.1", releases, Instant.parse("2026-03-21T00:00:00Z")))
                .contains("2.2");
        assertThat(NoticeFields.fixVersion("9.9", releases, T)).isEmpty();
        assertThat(NoticeFields.of("notes", "2.1", null, releases, T)).containsEntry("fixVersion", "")
                .doesNotContainKey("symptom");
    }

    private static ReleaseView release(String version, String at) {
        return new ReleaseView("notes", version, Instant.parse(at), null, null);
    }
}

package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The composer's first draft: what happened in the customers' words, who is affected, what to do, the fix. */
class NoticeDraftsTest {

    @Test
    void withAFixTheDraftSaysToUpgradeToIt() {
        String body = NoticeDrafts.body("notes", "3.3.0", "note vanished", "notes vanished", Optional.of("3.3.1"));
        assertThat(body).contains("What happened: customers running notes 3.3.0 told us: \"notes vanished\".")
                .contains("Who is affected: customers running notes 3.3.0")
                .contains("What to do now: please upgrade to notes 3.3.1")
                .contains("upgrade directly to 3.3.1");
        assertThat(NoticeDrafts.subject("notes", "3.3.0", Optional.of("3.3.1")))
                .isEqualTo("notes 3.3.0: please upgrade to 3.3.1");
    }

    @Test
    void withoutAFixItSaysWhatToDoUntilThen() {
        String body = NoticeDrafts.body("notes", "3.3.0", "category:sync", "sync", Optional.empty());
        assertThat(body).contains("contacted us about problems with sync.")
                .contains("What to do now: if you run 3.3.0, please keep a backup")
                .contains("We will write again when the fix is out.").doesNotContain("upgrade to notes");
        assertThat(NoticeDrafts.subject("notes", "3.3.0", Optional.empty()))
                .isEqualTo("Important: a problem in notes 3.3.0");
        // the draft is the author's to edit: only placeholders the contract knows, if any
        assertThat(NoticeText.unknownPlaceholders(body)).isEmpty();
    }
}

package io.releaseradar.detection.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThemesTest {

    @Test
    void spellingsAndPartsOfOneComplaintAreOneTheme() {
        List<Themes.Theme> themes = Themes.group(List.of("notes vanished", "note vanished", "vanished",
                "notes vaished", "category:sync", "battery drain", "invite colleague", "invite coleague"));
        assertThat(themes).containsExactly(
                new Themes.Theme("notes vanished", List.of("note vanished", "vanished", "notes vaished")),
                new Themes.Theme("category:sync", List.of()),
                new Themes.Theme("battery drain", List.of()),
                new Themes.Theme("invite colleague", List.of("invite coleague")));
    }

    @Test
    void differentComplaintsStayApart() {
        assertThat(Themes.variants("cannot log in", "can log in")).isFalse();
        assertThat(Themes.variants("lost note", "lost data")).isFalse();
        assertThat(Themes.variants("sync", "async")).isFalse();
        assertThat(Themes.variants("crash on start", "crash")).isTrue();
        assertThat(Themes.group(List.of("category:sync", "category:sync-issues"))).hasSize(2);
    }

    @Test
    void editDistanceCountsATranspositionOnce() {
        assertThat(Themes.editDistance("vanished", "vanihsed")).isEqualTo(1);
        assertThat(Themes.editDistance("colleague", "coleague")).isEqualTo(1);
        assertThat(Themes.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}

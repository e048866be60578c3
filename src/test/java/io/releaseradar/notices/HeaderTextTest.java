package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderTextTest {

    @Test
    void lineBreaksAndOtherControlCharactersAreNotHeaderText() {
        assertThat(HeaderText.hasControlCharacters("Avis\r\nBcc: x@example.com")).isTrue();
        assertThat(HeaderText.hasControlCharacters("a\nb")).isTrue();
        assertThat(HeaderText.hasControlCharacters("tab\there")).isTrue();
        assertThat(HeaderText.hasControlCharacters("del\u007F")).isTrue();
        assertThat(HeaderText.hasControlCharacters("c1\u0085")).isTrue();
        assertThat(HeaderText.hasControlCharacters("line\u2028separator")).isTrue();
        assertThat(HeaderText.hasControlCharacters("Wichtig: „notes“ – à bientôt 🙂")).isFalse();
        assertThat(HeaderText.hasControlCharacters(null)).isFalse();
    }
}

package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which translation a customer's locale picks: RFC 4647 lookup, from the whole tag to shorter ones, else none. */
class TranslationsTest {

    @Test
    void fallsBackFromTheRegionToTheLanguageAndElseToTheDefaultText() {
        Set<String> deAndFr = Set.of("de", "fr");
        assertThat(Translations.pick(deAndFr, "de-CH")).contains("de");
        assertThat(Translations.pick(deAndFr, "de_CH")).as("a Java-style locale").contains("de");
        assertThat(Translations.pick(deAndFr, "DE-ch")).contains("de");
        assertThat(Translations.pick(deAndFr, "de-Latn-CH-u-co-phonebk")).contains("de");
        assertThat(Translations.pick(deAndFr, "fr-FR")).contains("fr");
        assertThat(Translations.pick(deAndFr, "nl-NL")).isEmpty();
        assertThat(Translations.pick(deAndFr, "en")).isEmpty();
        assertThat(Translations.pick(deAndFr, null)).isEmpty();
        assertThat(Translations.pick(deAndFr, " ")).isEmpty();
        assertThat(Translations.pick(Set.of(), "de")).isEmpty();
    }

    @Test
    void theMostSpecificTranslationWins() {
        Set<String> both = Set.of("de", "de-CH");
        assertThat(Translations.pick(both, "de-CH")).contains("de-CH");
        assertThat(Translations.pick(both, "de-AT")).contains("de");
        assertThat(Translations.pick(both, "de")).as("never from the language to a region").contains("de");
        assertThat(Translations.pick(Set.of("de-CH"), "de")).isEqualTo(Optional.empty());
    }

    @Test
    void tagsAreKeptInTheirCanonicalFormAndNonsenseIsNoTag() {
        assertThat(Translations.canonicalTag("de-ch")).isEqualTo("de-CH");
        assertThat(Translations.canonicalTag("SR-latn")).isEqualTo("sr-Latn");
        assertThat(Translations.canonicalTag("German!")).isNull();
        assertThat(Translations.canonicalTag("")).isNull();
        assertThat(Translations.canonicalTag("de CH")).isNull();
    }
}

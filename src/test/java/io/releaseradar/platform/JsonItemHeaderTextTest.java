package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What may go into a mail header: {@link JsonItem#headerText}, the one check for names and subjects. */
class JsonItemHeaderTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonItem item(String subject) {
        return JsonItem.of(JSON.createObjectNode().put("subject", subject));
    }

    @Test
    void lineBreaksOtherControlCharactersAndLineSeparatorsAreRefused() {
        for (String bad : new String[] {"Avis\r\nBcc: x@example.com", "a\nb", "tab\there", "nul\u0000", "del\u007F",
                "c1\u0085", "line\u2028separator", "para\u2029graph"}) {
            JsonItem item = item(bad);
            assertThat(item.headerText("subject", true, 1000)).as(bad).isNull();
            assertThat(item.errors()).as(bad).singleElement()
                    .satisfies(e -> assertThat(e.field()).isEqualTo("subject"))
                    .satisfies(e -> assertThat(e.message()).contains("control characters"));
        }
    }

    @Test
    void everyOtherCharacterIsHeaderText() {
        JsonItem item = item("Wichtig: „notes“ – à bientôt 🙂 <x> & \uFFFD");
        assertThat(item.headerText("subject", true, 1000)).isEqualTo("Wichtig: „notes“ – à bientôt 🙂 <x> & \uFFFD");
        assertThat(item.valid()).isTrue();
        assertThat(JsonItem.breaksHeader("plain")).isFalse();
    }
}

package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeTextTest {

    @Test
    void fillsTheNamedPlaceholdersAndLeavesTheOthersForLater() {
        String text = "{product} {version}: {summary}. Dear {name}, you run {runningVersion}. {not a placeholder}";
        String noticeLevel = NoticeText.fill(text, Map.of("product", "notes", "version", "2.4.0", "summary",
                "sync loses $1 notes"));
        assertThat(noticeLevel).isEqualTo("notes 2.4.0: sync loses $1 notes. Dear {name}, you run {runningVersion}."
                + " {not a placeholder}");
        assertThat(NoticeText.fill(noticeLevel, Map.of("name", "Ada", "runningVersion", "2.3.1")))
                .endsWith("Dear Ada, you run 2.3.1. {not a placeholder}");
    }

    @Test
    void namesUnknownPlaceholders() {
        assertThat(NoticeText.unknownPlaceholders("Hi {firstName}, {product} {Version} {x1}")).containsExactly(
                "Version", "firstName", "x1");
        assertThat(NoticeText.unknownPlaceholders("{name} { spaced } {}")).isEmpty();
    }
}

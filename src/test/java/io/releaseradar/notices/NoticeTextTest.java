package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeTextTest {

    @Test
    void fillsTheNamedPlaceholdersAndLeavesTheOthersForLater() {
        String text = "{product} {version}: \"{symptom}\", fixed in {fixVersion}. Dear {name}, you run "
                + "{installedVersion}. {not a placeholder}";
        String noticeLevel = NoticeText.fill(text, Map.of("product", "notes", "version", "2.4.0", "symptom",
                "sync loses $1 notes", "fixVersion", "2.4.1"));
        assertThat(noticeLevel).isEqualTo("notes 2.4.0: \"sync loses $1 notes\", fixed in 2.4.1. Dear {name}, you "
                + "run {installedVersion}. {not a placeholder}");
        assertThat(NoticeText.fill(noticeLevel, Map.of("name", "Ada", "installedVersion", "2.3.1")))
                .endsWith("Dear Ada, you run 2.3.1. {not a placeholder}");
    }

    @Test
    void knowsExactlyTheContractsPlaceholders() {
        assertThat(NoticeText.unknownPlaceholders("Hi {firstName}, {product} {Version} {x1}")).containsExactly(
                "Version", "firstName", "x1");
        assertThat(NoticeText.unknownPlaceholders("{name} {product} {version} {installedVersion} {symptom} "
                + "{fixVersion} { spaced } {}")).isEmpty();
        // the alert's summary is for support staff, and {runningVersion} is {installedVersion} now
        assertThat(NoticeText.unknownPlaceholders("{summary} {runningVersion}")).containsExactly("runningVersion",
                "summary");
    }
}

package io.releaseradar.alerts.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.alerts.notify.vendor.PagerDutySchema;
import io.releaseradar.alerts.notify.vendor.SlackSchema;
import io.releaseradar.alerts.notify.vendor.TeamsSchema;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What Slack, Teams and PagerDuty subscribers are sent, built from an alert: the content in words, the vendors'
 * documented shapes and limits however long the alert's texts are. Plain JUnit: the builders are pure functions.
 * {@code docs/slack-alert.json} is the Slack message of {@link #sample()}; after a deliberate change, regenerate it
 * (and {@code docs/slack-alert.html}) with {@code -Dslack.write=true}, then the screenshot as docs/tour.md says.
 */
class ReceiverMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final String LINK = "https://radar.example.com/alerts/";
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    /** The demo's alert, as a support lead would get it. */
    static AlertView sample() {
        Instant at = Instant.parse("2026-12-07T12:00:00Z");
        return new AlertView(UUID.fromString("6f1c2e0a-8d4b-4f8e-9a57-3c2d1b0e9f41"), "notes", "3.3.0",
                Severity.HIGH, AlertView.Status.OPEN, at, at,
                "notes 3.3.0: \"notes vanished\" from 42 customers in 24 h, 5.1x the other versions "
                        + "(2.2% of its installs)",
                List.of(new Signal("notes vanished", Duration.ofHours(24), 42, 8.2, 5.12, 14.2,
                                Signal.Baseline.OTHER_VERSIONS),
                        new Signal("category:sync", Duration.ofHours(72), 60, 20.0, 3.0, 9.1,
                                Signal.Baseline.OTHER_VERSIONS),
                        new Signal(null, Duration.ofHours(24), 75, 30.0, 2.5, 6.0,
                                Signal.Baseline.PREDECESSOR_SAME_AGE),
                        new Signal("lost note", Duration.ofHours(24), 5, 2.0, 2.5, 2.0,
                                Signal.Baseline.OTHER_VERSIONS)),
                List.of(new AlertView.SampleContact("zendesk", "ZD-1", at.minusSeconds(600), null),
                        new AlertView.SampleContact("zendesk", "ZD-2", at.minusSeconds(900),
                                "All my notes vanished after the update"),
                        new AlertView.SampleContact("zendesk", "ZD-3", at.minusSeconds(1200),
                                "Notes gone <again> & sync says \"done\""),
                        new AlertView.SampleContact("zendesk", "ZD-4", at.minusSeconds(1500), "third quote")),
                false, null, null, null);
    }

    private static AlertMessage words(AlertView alert, String change) {
        return AlertMessage.of(alert, change, LINK + alert.id());
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signalsAreSaidInWordsAndQuotesAreTheFirstTwoSubjects() {
        AlertMessage m = words(sample(), "OPENED");
        assertEquals("HIGH alert: notes 3.3.0", m.headline());
        assertEquals(List.of("“notes vanished”: 42 customers in 24 h, 5.1× the other versions",
                "Sync (helpdesk category): 60 customers in 3 days, 3.0× the other versions",
                "All contacts: 75 customers in 24 h, 2.5× the previous version at the same age"),
                m.signals().stream().map(AlertMessage.SignalWords::line).toList(), "the top three");
        // An erased subject (null) is skipped, not quoted as "null".
        assertEquals(List.of("All my notes vanished after the update", "Notes gone <again> & sync says \"done\""),
                m.quotes());
        assertEquals("Raised to CRITICAL: notes (all versions)", words(new AlertView(UUID.randomUUID(), "notes",
                null, Severity.CRITICAL, AlertView.Status.OPEN, null, null, "s", List.of(), List.of(), false, null,
                null, null), "UPDATED").headline());
    }

    @Test
    void theSlackMessageHasTheSummaryAsTextAndBlocksWithEverythingEscaped() {
        JsonNode slack = SlackMessage.of(words(sample(), "OPENED"));
        assertEquals(List.of(), SlackSchema.check(slack));
        assertTrue(slack.get("text").asText().startsWith("New alert: *HIGH* notes 3.3.0 - notes 3.3.0: \"notes "
                + "vanished\" from 42 customers"), slack.get("text").asText());
        String blocks = slack.get("blocks").toString();
        assertEquals("HIGH alert: notes 3.3.0", slack.at("/blocks/0/text/text").asText());
        assertTrue(blocks.contains("• “notes vanished”: 42 customers in 24 h, 5.1× the other versions"), blocks);
        assertTrue(blocks.contains("> “Notes gone &lt;again&gt; &amp; sync says \\\"done\\\"”"), blocks);
        assertTrue(blocks.contains("<" + LINK + sample().id() + "|Open the alert in Release Radar>"), blocks);
    }

    @Test
    void theTeamsCardAndThePagerDutyEventsHoldTheSameContent() {
        AlertView alert = sample();
        JsonNode teams = TeamsCard.of(words(alert, "OPENED"));
        assertEquals(List.of(), TeamsSchema.check(teams, bytes(teams)));
        JsonNode card = teams.at("/attachments/0/content");
        assertEquals("HIGH alert: notes 3.3.0", card.at("/body/0/inlines/0/text").asText());
        assertEquals("“notes vanished”", card.at("/body/4/facts/0/title").asText());
        assertEquals("42 customers in 24 h, 5.1× the other versions", card.at("/body/4/facts/0/value").asText());
        assertEquals(LINK + alert.id(), card.at("/actions/0/url").asText());

        JsonNode trigger = PagerDutyEvent.trigger(JSON, alert, words(alert, "OPENED"), KEY);
        assertEquals(List.of(), PagerDutySchema.check(trigger, bytes(trigger)));
        assertEquals(alert.id().toString(), trigger.get("dedup_key").asText());
        assertEquals("error", trigger.at("/payload/severity").asText());
        assertEquals("notes 3.3.0", trigger.at("/payload/source").asText());
        assertEquals(4, trigger.at("/payload/custom_details/signals").size());
        assertEquals("PT24H", trigger.at("/payload/custom_details/signals/0/window").asText());
        JsonNode resolve = PagerDutyEvent.resolve(JSON, alert, KEY);
        assertEquals(List.of(), PagerDutySchema.check(resolve, bytes(resolve)));
        assertEquals(JSON.createObjectNode().put("routing_key", KEY).put("event_action", "resolve")
                .put("dedup_key", alert.id().toString()), resolve);
        assertEquals(List.of("critical", "error", "warning", "info"), List.of(Severity.CRITICAL, Severity.HIGH,
                Severity.MEDIUM, Severity.LOW).stream().map(PagerDutyEvent::severity).toList());
    }

    @Test
    void longTextsAreCutToTheVendorsLimits() {
        AlertView sample = sample();
        String product = "p" + "r".repeat(99);
        String version = "v" + "9".repeat(99);
        String subject = "𝄞 lost ".repeat(1000);
        AlertView alert = new AlertView(sample.id(), product, version, Severity.CRITICAL, AlertView.Status.OPEN,
                sample.openedAt(), sample.updatedAt(), "summary ".repeat(1000) + "𝄞", sample.signals(),
                List.of(new AlertView.SampleContact("zendesk", "ZD-9", sample.openedAt(), subject)), false, null,
                null, null);
        AlertMessage m = words(alert, "OPENED");

        JsonNode slack = SlackMessage.of(m);
        assertEquals(List.of(), SlackSchema.check(slack));
        assertEquals(SlackMessage.HEADER_MAX, slack.at("/blocks/0/text/text").asText().length());
        assertTrue(slack.at("/blocks/1/text/text").asText().endsWith("…"));
        JsonNode teams = TeamsCard.of(m);
        assertEquals(List.of(), TeamsSchema.check(teams, bytes(teams)));
        JsonNode trigger = PagerDutyEvent.trigger(JSON, alert, m, KEY);
        assertEquals(List.of(), PagerDutySchema.check(trigger, bytes(trigger)));
        assertEquals(PagerDutyEvent.SUMMARY_MAX, trigger.at("/payload/summary").asText().length());
        // A cut never leaves half of a character behind.
        String quote = m.quotes().get(0);
        assertTrue(!Character.isHighSurrogate(quote.charAt(quote.length() - 2)), quote);
    }

    @Test
    void theDocumentedSlackMessageIsWhatTheCodeBuilds() throws Exception {
        AlertView alert = sample();
        String built = JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(SlackMessage.of(AlertMessage.of(alert, "OPENED", LINK + alert.id()))) + "\n";
        Path doc = Path.of("docs", "slack-alert.json");
        if (Boolean.getBoolean("slack.write")) {
            Files.writeString(doc, built);
            Files.writeString(Path.of("docs", "slack-alert.html"), BlockKitPreview.html(JSON.readTree(built)));
        }
        assertEquals(JSON.readTree(Files.readString(doc)), JSON.readTree(built),
                "docs/slack-alert.json is not what SlackMessage builds; regenerate as this class says");
    }

    @Test
    void aTeamsFactEscapesTheMarkdownInAVersionAsAHelpdeskSpelledIt() {
        assertEquals("2.0 \\[click\\]\\(http://evil.example\\) \\*bold\\*",
                TeamsCard.escapeMarkdown("2.0 [click](http://evil.example) *bold*"));
        assertEquals("\\- item \\_x\\_ \\<at\\>", TeamsCard.escapeMarkdown("- item _x_ <at>"));
        assertEquals("notes 3.3.0", TeamsCard.escapeMarkdown("notes 3.3.0"));
    }
}

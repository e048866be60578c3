package io.releaseradar.alerts.notify.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The receivers' schema checks are not vacuous: they take the vendors' own documented examples and name each rule a
 * broken payload breaks (so a receiver test that finds no violation means something).
 */
class VendorSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void breaks(List<String> violations, String path) {
        assertTrue(violations.stream().anyMatch(v -> v.startsWith(path)), path + " not named in " + violations);
    }

    private static List<String> slack(ObjectNode message) {
        return SlackSchema.check(message);
    }

    private static ObjectNode slackMessage() {
        // docs.slack.dev's header block example, with a section and the fallback text.
        return read("""
                {"text":"fallback","blocks":[{"type":"header","text":{"type":"plain_text","text":"A Heartfelt Header"}},
                 {"type":"section","text":{"type":"mrkdwn","text":"> a quote &amp; <https://example.com/a|a link>"},
                  "fields":[{"type":"mrkdwn","text":"*Severity*\\nHIGH"}]}]}""");
    }

    @Test
    void slackTakesTheDocumentedShapesAndNamesEachBrokenLimit() {
        assertEquals(List.of(), slack(slackMessage()));

        ObjectNode longHeader = slackMessage();
        ((ObjectNode) longHeader.at("/blocks/0/text")).put("text", "h".repeat(151));
        breaks(slack(longHeader), "$.blocks[0].text.text");

        ObjectNode longSection = slackMessage();
        ((ObjectNode) longSection.at("/blocks/1/text")).put("text", "s".repeat(3001));
        breaks(slack(longSection), "$.blocks[1].text.text");

        ObjectNode manyBlocks = slackMessage();
        ArrayNode blocks = (ArrayNode) manyBlocks.get("blocks");
        while (blocks.size() < 51) {
            blocks.addObject().put("type", "divider");
        }
        breaks(slack(manyBlocks), "$.blocks");

        ObjectNode unescaped = slackMessage();
        ((ObjectNode) unescaped.at("/blocks/1/text")).put("text", "Customers write <b>bold</b> & more");
        breaks(slack(unescaped), "$.blocks[1].text.text");

        ObjectNode noFallback = slackMessage();
        noFallback.remove("text");
        breaks(slack(noFallback), "$.text");

        ObjectNode plainHeader = slackMessage();
        ((ObjectNode) plainHeader.at("/blocks/0/text")).put("type", "mrkdwn");
        breaks(slack(plainHeader), "$.blocks[0].text.type");

        ObjectNode elevenFields = slackMessage();
        ArrayNode fields = (ArrayNode) elevenFields.at("/blocks/1/fields");
        while (fields.size() < 11) {
            fields.addObject().put("type", "mrkdwn").put("text", "f");
        }
        breaks(slack(elevenFields), "$.blocks[1].fields");
    }

    private static ObjectNode teamsMessage() {
        // The body Microsoft's Workflows documentation posts, with an Adaptive Card 1.4.
        return read("""
                {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
                 "contentUrl":null,"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json",
                 "type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"Hello","wrap":true,
                 "size":"large","weight":"bolder","color":"attention"},
                 {"type":"FactSet","facts":[{"title":"Severity","value":"HIGH"}]}],
                 "actions":[{"type":"Action.OpenUrl","title":"Open","url":"https://example.com/a"}]}}]}""");
    }

    private static List<String> teams(JsonNode message) {
        return TeamsSchema.check(message, message.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void teamsTakesAWorkflowMessageWithAnAdaptiveCardAndNamesEachBrokenRule() {
        assertEquals(List.of(), teams(teamsMessage()));

        ObjectNode noContentUrl = teamsMessage();
        ((ObjectNode) noContentUrl.at("/attachments/0")).remove("contentUrl");
        breaks(teams(noContentUrl), "$.attachments[0].contentUrl");

        ObjectNode heroCard = teamsMessage();
        ((ObjectNode) heroCard.at("/attachments/0")).put("contentType", "application/vnd.microsoft.card.hero");
        breaks(teams(heroCard), "$.attachments[0].contentType");

        ObjectNode oldCard = teamsMessage();
        ((ObjectNode) oldCard.at("/attachments/0/content")).put("version", "1.2");
        breaks(teams(oldCard), "$.attachments[0].content.version");

        ObjectNode noText = teamsMessage();
        ((ObjectNode) noText.at("/attachments/0/content/body/0")).remove("text");
        breaks(teams(noText), "$.attachments[0].content.body[0].text");

        ObjectNode italic = teamsMessage(); // italic is a TextRun property, not a TextBlock one
        ((ObjectNode) italic.at("/attachments/0/content/body/0")).put("italic", true);
        breaks(teams(italic), "$.attachments[0].content.body[0].italic");

        ObjectNode badColor = teamsMessage();
        ((ObjectNode) badColor.at("/attachments/0/content/body/0")).put("color", "red");
        breaks(teams(badColor), "$.attachments[0].content.body[0].color");

        ObjectNode noUrl = teamsMessage();
        ((ObjectNode) noUrl.at("/attachments/0/content/actions/0")).remove("url");
        breaks(teams(noUrl), "$.attachments[0].content.actions[0].url");

        ObjectNode factWithoutValue = teamsMessage();
        ((ObjectNode) factWithoutValue.at("/attachments/0/content/body/1/facts/0")).remove("value");
        breaks(teams(factWithoutValue), "$.attachments[0].content.body[1].facts[0].value");

        ObjectNode huge = teamsMessage();
        ((ObjectNode) huge.at("/attachments/0/content/body/0")).put("text", "x".repeat(29 * 1024));
        breaks(teams(huge), "$:");
    }

    private static ObjectNode pagerDutyTrigger() {
        // PagerDuty's documented trigger example, with a routing key of the documented length.
        return read("""
                {"payload":{"summary":"Example alert on host1.example.com","timestamp":"2015-07-17T08:42:58.315+0000",
                 "source":"monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                 "severity":"info","component":"postgres","group":"prod-datapipe","class":"deploy",
                 "custom_details":{"ping time":"1500ms","load avg":0.75}},
                 "routing_key":"%s","dedup_key":"samplekeyhere",
                 "links":[{"href":"https://example.com/","text":"Link text"}],
                 "event_action":"trigger","client":"Sample Monitoring Service",
                 "client_url":"https://monitoring.example.com"}""".formatted(KEY));
    }

    private static List<String> pagerDuty(JsonNode event) {
        return PagerDutySchema.check(event, event.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pagerDutyTakesTheDocumentedEventsAndNamesEachBrokenRule() {
        assertEquals(List.of(), pagerDuty(pagerDutyTrigger()));
        assertEquals(List.of(), pagerDuty(read("{\"routing_key\":\"" + KEY
                + "\",\"dedup_key\":\"dedupkeyhere\",\"event_action\":\"resolve\"}")));

        breaks(pagerDuty(read("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\"}")), "$.dedup_key");
        breaks(pagerDuty(pagerDutyTrigger().put("routing_key", KEY.substring(1))), "$.routing_key");
        breaks(pagerDuty(pagerDutyTrigger().put("event_action", "close")), "$.event_action");

        ObjectNode high = pagerDutyTrigger();
        ((ObjectNode) high.get("payload")).put("severity", "high");
        breaks(pagerDuty(high), "$.payload.severity");

        ObjectNode longSummary = pagerDutyTrigger();
        ((ObjectNode) longSummary.get("payload")).put("summary", "s".repeat(1025));
        breaks(pagerDuty(longSummary), "$.payload.summary");

        ObjectNode noSource = pagerDutyTrigger();
        ((ObjectNode) noSource.get("payload")).remove("source");
        breaks(pagerDuty(noSource), "$.payload.source");

        ObjectNode title = pagerDutyTrigger();
        ((ObjectNode) title.get("payload")).put("title", "not a PD-CEF field");
        breaks(pagerDuty(title), "$.payload.title");

        ObjectNode noPayload = pagerDutyTrigger();
        noPayload.remove("payload");
        breaks(pagerDuty(noPayload), "$.payload");
    }
}

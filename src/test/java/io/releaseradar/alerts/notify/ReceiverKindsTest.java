package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.alerts.notify.vendor.VendorReceiver;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.Signal;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Slack, Teams and PagerDuty subscribers are sent through the alert outbox like webhooks, to real HTTP servers that
 * check each body against the vendor's documented schema: retried after a 500 without a second delivery, and for
 * PagerDuty a trigger on open and rise and, after it, a resolve with the same dedup_key on resolve and dismiss.
 * Alerts are opened through the alert service and closed through the REST API, as in production.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class ReceiverKindsTest {

    /** PagerDuty's routing keys have 32 characters. */
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";
    private static final String LINK = "https://radar.example.com/alerts/";

    @Inject
    AlertTestSupport alerts;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    private static void subscribe(String product, String kind, String url, String routingKey) {
        Map<String, Object> body = new HashMap<>();
        body.put("product", product);
        body.put("minSeverity", "LOW");
        body.put("kind", kind);
        body.put("webhookUrl", url);
        body.put("routingKey", routingKey);
        as(Roles.SUPPORT_LEAD).body(body).put("/api/v1/subscriptions/{id}", product).then().statusCode(201);
    }

    private static Finding finding(String product, Severity severity, double score) {
        return new Finding(product, "3.3.0", severity, score, "notes vanished", 42, 0.022,
                List.of(new Signal("notes vanished", Duration.ofHours(24), 42, 8.2, 5.12, score,
                                Signal.Baseline.OTHER_VERSIONS),
                        new Signal("category:sync", Duration.ofHours(72), 60, 20.0, 3.0, score / 2,
                                Signal.Baseline.OTHER_VERSIONS)),
                product + " 3.3.0: \"notes vanished\" from 42 customers in 24 h, 5.1x the other versions");
    }

    private AlertView raise(String product, Severity severity, double score) {
        return raise(product, severity, score, "All my notes vanished after sync", "Notes vanished <again> & again");
    }

    private AlertView raise(String product, Severity severity, double score, String quote1, String quote2) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<AlertView.SampleContact> samples = List.of(
                new AlertView.SampleContact("zendesk", product + "-1", at, quote1),
                new AlertView.SampleContact("zendesk", product + "-2", at, quote2),
                new AlertView.SampleContact("zendesk", product + "-3", at, "a third quote, not sent"));
        var changes = alerts.apply(product, at, List.of(finding(product, severity, score)), f -> samples);
        return changes.opened().isEmpty() ? changes.updated().get(0) : changes.opened().get(0);
    }

    /** state and attempts of the alert's rows for the subscription, oldest first. */
    private List<List<Object>> rows(UUID alert, String subscription) {
        return Db.rows(ds, "SELECT change, state, attempts FROM alert_outbox WHERE alert_id = ? "
                + "AND subscription_id = ? ORDER BY id", alert, subscription);
    }

    private static void allValid(List<VendorReceiver.Call> calls) {
        calls.forEach(c -> assertEquals(List.of(), c.violations(), c.json().toString()));
        calls.forEach(c -> assertEquals("application/json", c.contentType()));
    }

    @Test
    void slackGetsOneBlockKitMessageRetriedAfterA500AndNothingWhenTheAlertIsResolved() {
        String product = uniqueProduct();
        try (VendorReceiver slack = VendorReceiver.slack()) {
            subscribe(product, "slack", slack.url(), null);
            slack.answer(500);
            AlertView alert = raise(product, Severity.HIGH, 12.0);
            Instant t0 = Instant.now();

            worker.deliverDue(t0);
            worker.deliverDue(t0.plus(Duration.ofHours(1)));
            worker.deliverDue(t0.plus(Duration.ofHours(5)));

            List<VendorReceiver.Call> calls = slack.calls();
            assertEquals(List.of(500, 200), calls.stream().map(VendorReceiver.Call::status).toList());
            allValid(calls);
            assertEquals(calls.get(0).deliveryId(), calls.get(1).deliveryId(), "one delivery, attempted twice");
            assertArrayEquals(calls.get(0).body(), calls.get(1).body(), "the same message each time");
            assertEquals("alert.opened", calls.get(1).event());
            JsonNode message = calls.get(1).json();
            assertTrue(message.get("text").asText().contains(alert.summary()), message.toString());
            assertEquals("HIGH alert: " + product + " 3.3.0", message.at("/blocks/0/text/text").asText());
            String blocks = message.get("blocks").toString();
            assertTrue(blocks.contains("“notes vanished”: 42 customers in 24 h, 5.1× the other versions"), blocks);
            assertTrue(blocks.contains("“All my notes vanished after sync”"), blocks);
            assertTrue(blocks.contains("“Notes vanished &lt;again&gt; &amp; again”"), blocks);
            assertTrue(!blocks.contains("a third quote"), "two quotes");
            assertTrue(blocks.contains("<" + LINK + alert.id() + "|"), blocks);
            assertEquals(List.of(List.of("OPENED", "SENT", 2)), rows(alert.id(), product));

            as(Roles.SUPPORT_LEAD).body(Map.of("reason", "fixed")).post("/api/v1/alerts/{id}/resolve",
                    alert.id().toString()).then().statusCode(200);
            worker.deliverDue(t0.plus(Duration.ofHours(6)));
            assertEquals(2, slack.calls().size(), "only PagerDuty is told of a resolution");
            assertEquals(1, rows(alert.id(), product).size());
        }
    }

    @Test
    void teamsGetsOneAdaptiveCardRetriedAfterA500() {
        String product = uniqueProduct();
        try (VendorReceiver teams = VendorReceiver.teams()) {
            subscribe(product, "teams", teams.url(), null);
            teams.answer(500);
            AlertView alert = raise(product, Severity.CRITICAL, 30.0);
            Instant t0 = Instant.now();

            worker.deliverDue(t0);
            worker.deliverDue(t0.plus(Duration.ofHours(1)));
            worker.deliverDue(t0.plus(Duration.ofHours(5)));

            List<VendorReceiver.Call> calls = teams.calls();
            assertEquals(List.of(500, 202), calls.stream().map(VendorReceiver.Call::status).toList());
            allValid(calls);
            assertEquals(calls.get(0).deliveryId(), calls.get(1).deliveryId());
            assertArrayEquals(calls.get(0).body(), calls.get(1).body());
            JsonNode card = calls.get(1).json().at("/attachments/0/content");
            assertEquals("CRITICAL alert: " + product + " 3.3.0", card.at("/body/0/inlines/0/text").asText());
            assertEquals(alert.summary(), card.at("/body/1/inlines/0/text").asText());
            String body = card.toString();
            assertTrue(body.contains("\"title\":\"“notes vanished”\",\"value\":\"42 customers in 24 h, 5.1× the "
                    + "other versions\""), body);
            assertTrue(body.contains("“Notes vanished <again> & again”"), body);
            assertEquals(LINK + alert.id(), card.at("/actions/0/url").asText());
            assertEquals(List.of(List.of("OPENED", "SENT", 2)), rows(alert.id(), product));
        }
    }

    @Test
    void pagerDutyIsTriggeredAndResolvedWithTheAlertIdOnlyAfterTheRetriedTriggerWentThrough() {
        String product = uniqueProduct();
        try (VendorReceiver pagerDuty = VendorReceiver.pagerDuty()) {
            subscribe(product, "pagerduty", pagerDuty.url(), ROUTING_KEY);
            pagerDuty.answer(500);
            AlertView alert = raise(product, Severity.HIGH, 12.0);
            Instant t0 = Instant.now();
            worker.deliverDue(t0);

            // Resolved while the trigger waits for its retry: the resolve must not overtake it.
            as(Roles.SUPPORT_LEAD).body(Map.of("reason", "fixed in 3.3.1")).post("/api/v1/alerts/{id}/resolve",
                    alert.id().toString()).then().statusCode(200);
            worker.deliverDue(t0.plusSeconds(30));
            assertEquals(1, pagerDuty.calls().size(), "the resolve waits for the trigger");

            worker.deliverDue(t0.plus(Duration.ofHours(1)));
            worker.deliverDue(t0.plus(Duration.ofHours(1)));
            worker.deliverDue(t0.plus(Duration.ofHours(5)));

            List<VendorReceiver.Call> calls = pagerDuty.calls();
            allValid(calls);
            assertEquals(List.of(500, 202, 202), calls.stream().map(VendorReceiver.Call::status).toList());
            assertEquals(List.of("trigger", "trigger", "resolve"),
                    calls.stream().map(c -> c.json().get("event_action").asText()).toList());
            calls.forEach(c -> assertEquals(alert.id().toString(), c.json().get("dedup_key").asText()));
            calls.forEach(c -> assertEquals(ROUTING_KEY, c.json().get("routing_key").asText()));
            assertEquals(calls.get(0).deliveryId(), calls.get(1).deliveryId(), "the trigger retried, not repeated");
            assertEquals(List.of("alert.opened", "alert.opened", "alert.resolved"),
                    calls.stream().map(VendorReceiver.Call::event).toList());
            JsonNode payload = calls.get(1).json().get("payload");
            assertEquals("error", payload.get("severity").asText());
            assertEquals(product + " 3.3.0", payload.get("source").asText());
            assertEquals("[HIGH] " + product + " 3.3.0: " + alert.summary(), payload.get("summary").asText());
            assertEquals(2, payload.at("/custom_details/signals").size());
            assertEquals(LINK + alert.id(), calls.get(1).json().at("/links/0/href").asText());
            assertEquals(List.of(List.of("OPENED", "SENT", 2), List.of("RESOLVED", "SENT", 1)),
                    rows(alert.id(), product));
        }
    }

    @Test
    void pagerDutyHearsOfARiseWithTheSameDedupKeyAndADismissalResolvesIt() {
        String product = uniqueProduct();
        try (VendorReceiver pagerDuty = VendorReceiver.pagerDuty()) {
            subscribe(product, "pagerduty", pagerDuty.url(), ROUTING_KEY);
            AlertView alert = raise(product, Severity.MEDIUM, 6.0);
            worker.deliverDue(Instant.now());
            AlertView raised = raise(product, Severity.CRITICAL, 40.0);
            assertEquals(alert.id(), raised.id());
            worker.deliverDue(Instant.now());
            as(Roles.SUPPORT_LEAD).body(Map.of("reason", "a test release")).post("/api/v1/alerts/{id}/dismiss",
                    alert.id().toString()).then().statusCode(200);
            worker.deliverDue(Instant.now());
            // Dismissed again (a retried request) or resolved after: PagerDuty already heard.
            as(Roles.SUPPORT_LEAD).body(Map.of("reason", "a test release")).post("/api/v1/alerts/{id}/dismiss",
                    alert.id().toString()).then().statusCode(200);
            worker.deliverDue(Instant.now().plus(Duration.ofHours(5)));

            List<VendorReceiver.Call> calls = pagerDuty.calls();
            allValid(calls);
            assertEquals(List.of("trigger:warning", "trigger:critical", "resolve:"), calls.stream()
                    .map(c -> c.json().get("event_action").asText() + ":" + c.json().at("/payload/severity").asText())
                    .toList());
            calls.forEach(c -> assertEquals(alert.id().toString(), c.json().get("dedup_key").asText()));
            assertEquals(List.of("alert.opened", "alert.severity-raised", "alert.dismissed"),
                    calls.stream().map(VendorReceiver.Call::event).toList());
            assertEquals(3, calls.stream().map(VendorReceiver.Call::deliveryId).distinct().count());
        }
    }

    /** What a customer may write in a subject to ping a channel or hide a link behind other words. */
    private static final String PING = "<!channel> notes gone @here";
    private static final String LINK_BAIT = "<http://evil.example/reset|Reset your password> or "
            + "[Reset your password](http://evil.example/reset) **now**";

    @Test
    void customersWordsNeitherPingNorLinkInSlackOrTeams() {
        String product = uniqueProduct();
        try (VendorReceiver slack = VendorReceiver.slack(); VendorReceiver teams = VendorReceiver.teams()) {
            subscribe(product, "slack", slack.url(), null);
            Map<String, Object> toTeams = new HashMap<>();
            toTeams.put("product", product);
            toTeams.put("minSeverity", "LOW");
            toTeams.put("kind", "teams");
            toTeams.put("webhookUrl", teams.url());
            as(Roles.SUPPORT_LEAD).body(toTeams).put("/api/v1/subscriptions/{id}", product + "-teams").then()
                    .statusCode(201);
            raise(product, Severity.HIGH, 12.0, PING, LINK_BAIT);
            worker.deliverDue(Instant.now());

            // Slack: & < > as entities (Slack's escaping), and no automatic parsing of what is left
            VendorReceiver.Call toSlack = slack.calls().get(0);
            allValid(List.of(toSlack));
            String blocks = toSlack.json().get("blocks").toString();
            assertTrue(blocks.contains("“&lt;!channel&gt; notes gone @here”"), blocks);
            assertTrue(blocks.contains("“&lt;http://evil.example/reset|Reset your password&gt; or [Reset your "
                    + "password](http://evil.example/reset) **now**”"), blocks);
            assertTrue(!blocks.contains("<!channel>") && !blocks.contains("<http://evil"), blocks);
            for (JsonNode block : toSlack.json().get("blocks")) {
                List<JsonNode> texts = new ArrayList<>();
                if (block.has("text")) {
                    texts.add(block.get("text"));
                }
                block.path("fields").forEach(texts::add);
                texts.stream().filter(t -> "mrkdwn".equals(t.path("type").asText()))
                        .forEach(t -> assertTrue(t.path("verbatim").asBoolean(), "not verbatim: " + t));
            }

            // Teams: the quotes as written, in TextRuns (never Markdown); no TextBlock or fact holds them
            VendorReceiver.Call toTeamsCall = teams.calls().get(0);
            allValid(List.of(toTeamsCall));
            JsonNode body = toTeamsCall.json().at("/attachments/0/content/body");
            List<String> runs = new ArrayList<>();
            List<String> markdown = new ArrayList<>();
            for (JsonNode element : body) {
                element.path("inlines").forEach(run -> runs.add(run.path("text").asText()));
                if (element.has("text")) {
                    markdown.add(element.get("text").asText());
                }
                element.path("facts").forEach(f -> markdown.add(f.path("title").asText() + " " + f.path("value")
                        .asText()));
            }
            assertTrue(runs.contains("“" + PING + "”"), runs.toString());
            assertTrue(runs.contains("“" + LINK_BAIT + "”"), runs.toString());
            markdown.forEach(text -> assertTrue(!text.contains("](http") && !text.contains("evil"), text));
        }
    }

}

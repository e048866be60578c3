package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.GreenMailResource;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Notices end to end over the API, with a real SMTP server: audiences from a hand-built install base, suppression,
 * the mail itself, at most once under repeated approval and concurrent workers, cancel, unsubscribe.
 */
@QuarkusTest
@TestProfile(NoticeTestProfile.class)
class NoticeFlowTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    NoticeDeliveryWorker worker;

    /**
     * Releases 1.0 (30 days ago), 2.0 (10 days ago, the bad one), 3.0 (1 day ago). Customers: run-a and run-b run
     * 2.0; old-c runs 1.0; new-d runs 3.0; out-e runs 2.0 but opted out; old-f runs 1.0 and opted out; ghost-g runs
     * 2.0 and is not in the customer feed (no address).
     */
    static InstallBase world() {
        InstallBase w = new InstallBase(uniqueProduct());
        w.release("1.0", NOW.minus(Duration.ofDays(30))).release("2.0", NOW.minus(Duration.ofDays(10)))
                .release("3.0", NOW.minus(Duration.ofDays(1)));
        for (String id : List.of("run-a", "run-b", "old-c", "new-d")) {
            w.customer(id(w, id), "Customer " + id, false);
        }
        w.customer(id(w, "out-e"), "Customer out-e", true).customer(id(w, "old-f"), "Customer old-f", true);
        Instant first = NOW.minus(Duration.ofDays(29));
        Instant upgrade = NOW.minus(Duration.ofDays(5));
        for (String id : List.of("run-a", "run-b", "old-c", "new-d", "out-e", "old-f", "ghost-g")) {
            w.installs(id(w, id), "1.0", first);
        }
        for (String id : List.of("run-a", "run-b", "out-e", "ghost-g", "new-d")) {
            w.installs(id(w, id), "2.0", upgrade);
        }
        w.installs(id(w, "new-d"), "3.0", NOW.minus(Duration.ofHours(12)));
        // an upgrade in the future of "now" is not known yet: old-c is still on 1.0
        w.installs(id(w, "old-c"), "3.0", NOW.plus(Duration.ofDays(2)));
        return w.save();
    }

    static String id(InstallBase w, String name) {
        return w.product + "-" + name;
    }

    static String create(InstallBase w, String audience) {
        return as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "2.0", "audience", audience,
                        "subject", "About {product} {version}, {name}",
                        "body", "We found a problem in {product} {version}.\n\nYou run {installedVersion}."))
                .post("/api/v1/notices").then().statusCode(201).extract().path("id");
    }

    static JsonPath notice(String id) {
        return as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Runs the worker until the notice has nothing left to send. A send that failed for a passing reason (the SMTP
     * server slow to answer on a loaded machine) is retried after the back-off, as the scheduled runs would.
     */
    void deliverUntilDone(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            worker.deliverDue();
            return !"SENDING".equals(notice(id).getString("status"));
        });
    }

    static List<String> recipients(InstallBase w) {
        return GreenMailResource.all().stream().flatMap(m -> addresses(m).stream())
                .filter(a -> a.startsWith(w.product + "-")).sorted().toList();
    }

    private static List<String> addresses(MimeMessage m) {
        try {
            return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> mails(InstallBase w, String... names) {
        return java.util.Arrays.stream(names).map(n -> InstallBase.email(id(w, n))).sorted().toList();
    }

    @Test
    void audiencesComeFromTheInstallBaseAndLeaveOutWhoMustNotBeMailed() {
        InstallBase w = world();

        JsonPath installed = as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "2.0",
                        "audience", "INSTALLED", "subject", "s", "body", "b"))
                .post("/api/v1/notices").then().statusCode(201).extract().jsonPath();
        assertThat(installed.getString("status")).isEqualTo("DRAFT");
        assertThat(installed.getInt("audienceSize")).isEqualTo(2); // run-a, run-b
        assertThat(installed.getInt("breakdown.installed")).isEqualTo(2);
        assertThat(installed.getMap("breakdown.suppressed")).containsEntry("OPTED_OUT", 1).containsEntry("NO_EMAIL",
                1);

        JsonPath earlier = as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "2.0",
                        "audience", "NOT_YET_UPGRADED", "subject", "s", "body", "b"))
                .post("/api/v1/notices").then().statusCode(201).extract().jsonPath();
        assertThat(earlier.getInt("audienceSize")).isEqualTo(1); // old-c; old-f opted out; new-d is past 2.0
        assertThat(earlier.getInt("breakdown.notYetUpgraded")).isEqualTo(1);
        assertThat(earlier.getMap("breakdown.suppressed")).containsEntry("OPTED_OUT", 1);

        String all = create(w, "ALL");
        assertThat(notice(all).getInt("audienceSize")).isEqualTo(3);
        JsonPath approved = as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", all).then()
                .statusCode(200).extract().jsonPath();
        assertThat(approved.getString("status")).isEqualTo("SENDING");
        assertThat(approved.getInt("deliveries.pending")).isEqualTo(3);
        assertThat(approved.getInt("deliveries.suppressed")).isEqualTo(3);

        deliverUntilDone(all);

        assertThat(recipients(w)).containsExactlyElementsOf(mails(w, "run-a", "run-b", "old-c"));
        JsonPath sent = notice(all);
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getInt("deliveries.sent")).isEqualTo(3);
        assertThat(sent.getInt("deliveries.pending")).isZero();
        assertThat(sent.getList("audit.action")).containsExactly("CREATED", "APPROVED", "SENT");
        assertThat(sent.getList("audit.actor")).containsExactly("test-user", "test-user", "system");

        List<String> listed = as(Roles.RELEASE_MANAGER).queryParam("product", w.product).get("/api/v1/notices")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(listed).hasSize(3).first().isEqualTo(all);
    }

    @Test
    void aStoppingWorkerStartsNoMailAndLeavesTheDeliveriesPendingForAnotherReplica() {
        InstallBase w = world();
        String id = create(w, "ALL");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);

        assertThat(worker.gate().stop(Duration.ofSeconds(5))).as("no mail was being handed over").isTrue();
        try {
            worker.deliverDue();
            JsonPath stopped = notice(id);
            assertThat(recipients(w)).isEmpty();
            assertThat(stopped.getString("status")).isEqualTo("SENDING");
            assertThat(stopped.getInt("deliveries.pending")).isEqualTo(3);
            assertThat(stopped.getInt("deliveries.failed")).isZero();
        } finally {
            worker.gate().resume();
        }
        // what a replica still running would do with them
        deliverUntilDone(id);
        assertThat(recipients(w)).containsExactlyElementsOf(mails(w, "run-a", "run-b", "old-c"));
        assertThat(notice(id).getInt("deliveries.sent")).isEqualTo(3);
    }

    @Test
    void theMailIsPersonalWithBothPartsAndOneClickUnsubscribe() throws Exception {
        InstallBase w = world();
        String id = create(w, "ALL");
        JsonPath preview = as(Roles.RELEASE_MANAGER).queryParam("customerId", id(w, "old-c"))
                .get("/api/v1/notices/{id}/preview", id).then().statusCode(200).extract().jsonPath();
        assertThat(preview.getString("sample.group")).isEqualTo("NOT_YET_UPGRADED");
        assertThat(preview.getString("sample.subject")).isEqualTo("About " + w.product + " 2.0, Customer old-c");
        assertThat(preview.getString("sample.text")).contains("have not upgraded to 2.0").contains("You run 1.0.");
        assertThat(preview.getInt("breakdown.notYetUpgraded")).isEqualTo(1);

        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
        deliverUntilDone(id);

        MimeMessage mail = GreenMailResource.mailsTo(InstallBase.email(id(w, "run-a"))).get(0);
        assertThat(mail.getSubject()).isEqualTo("About " + w.product + " 2.0, Customer run-a");
        assertThat(mail.getHeader("Message-ID")[0]).startsWith("<notice." + id + ".");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String header = mail.getHeader("List-Unsubscribe")[0];
        assertThat(header).startsWith("<https://radar.example.com/unsubscribe?token=");
        Multipart parts = (Multipart) mail.getContent();
        String all = partsText(parts);
        assertThat(all).contains("Dear Customer run-a").contains("You are running " + w.product + " 2.0")
                .contains("You run 2.0.").contains("text/plain").contains("text/html");

        // one click, as a mail client does it (RFC 8058): POST to the header's URL
        URI link = URI.create(header.substring(1, header.length() - 1));
        RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post(link.getPath() + "?" + link.getRawQuery()).then().statusCode(200);
        // the link in the text, as a person clicks it
        String textLink = all.substring(all.indexOf("https://radar.example.com/unsubscribe?token=",
                all.indexOf("text/plain"))).split("\\s")[0];
        URI other = URI.create(GreenMailResource.mailsTo(InstallBase.email(id(w, "old-c"))).get(0).getHeader(
                "List-Unsubscribe")[0].replaceAll("[<>]", ""));
        RestAssured.given().get(other.getPath() + "?" + other.getRawQuery()).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/html"));
        assertThat(textLink).isEqualTo(link.toString());

        // the feed saying optedOut=false later does not undo it
        as(Roles.INGEST).body(List.of(Map.of("id", id(w, "run-a"), "email", InstallBase.email(id(w, "run-a")),
                "optedOut", false))).post("/api/v1/customers/batch").then().statusCode(200);
        JsonPath next = as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "2.0", "audience",
                "ALL", "subject", "again", "body", "again")).post("/api/v1/notices").then().statusCode(201)
                .extract().jsonPath();
        // run-a and old-c unsubscribed; run-b is under the 24 h cap
        assertThat(next.getInt("audienceSize")).isZero();
        assertThat(next.getMap("breakdown.suppressed")).containsEntry("OPTED_OUT", 4).containsEntry("FREQUENCY_CAP",
                1);

        // a token that was tampered with is refused and changes nothing
        RestAssured.given().post("/unsubscribe?token=" + link.getRawQuery().substring(6) + "x").then()
                .statusCode(400).contentType("application/problem+json");
        RestAssured.given().post("/unsubscribe").then().statusCode(400);
    }

    static String partsText(Multipart parts) throws Exception {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.getCount(); i++) {
            Object content = parts.getBodyPart(i).getContent();
            out.append(parts.getBodyPart(i).getContentType()).append('\n');
            out.append(content instanceof Multipart m ? partsText(m) : content.toString()).append('\n');
        }
        return out.toString();
    }

    @Test
    void approvingTwiceAndConcurrentWorkersMailEachCustomerOnce() throws Exception {
        InstallBase w = world();
        String id = create(w, "ALL");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SENDING"));

        // four workers at once, as four replicas would run
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(worker::deliverDue);
            }
            for (Future<Integer> f : pool.invokeAll(runs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
        deliverUntilDone(id);

        assertThat(recipients(w)).containsExactlyElementsOf(mails(w, "run-a", "run-b", "old-c"));
        JsonPath n = notice(id);
        assertThat(n.getInt("deliveries.sent")).isEqualTo(3);
        assertThat(n.getList("audit.action")).containsExactly("CREATED", "APPROVED", "SENT");
    }

    @Test
    void cancellingMidwayStopsWhatIsNotSentAndTheCountsAddUp() {
        InstallBase w = world();
        String id = create(w, "ALL");
        worker.deliverDue(); // what other tests left due, so that the one batch below is this notice's
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);

        assertThat(worker.deliverBatch()).isEqualTo(NoticeTestProfile.BATCH_SIZE);
        JsonPath cancelled = as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/cancel", id).then()
                .statusCode(200).extract().jsonPath();
        worker.deliverDue();

        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(recipients(w)).hasSize(NoticeTestProfile.BATCH_SIZE);
        JsonPath n = notice(id);
        assertThat(n.getInt("deliveries.sent")).isEqualTo(NoticeTestProfile.BATCH_SIZE);
        assertThat(n.getInt("deliveries.cancelled")).isEqualTo(3 - NoticeTestProfile.BATCH_SIZE);
        assertThat(n.getInt("deliveries.pending")).isZero();
        assertThat(n.getInt("deliveries.sent") + n.getInt("deliveries.cancelled")).isEqualTo(n.getInt(
                "audienceSize"));
        assertThat(n.getList("audit.action")).containsExactly("CREATED", "APPROVED", "CANCELLED");

        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(409)
                .contentType("application/problem+json");
        as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/cancel", id).then().statusCode(200);
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        InstallBase w = world();
        as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "9.9", "audience", "ALL",
                        "subject", "s", "body", "b")).post("/api/v1/notices").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo(
                        "version"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "2.0", "audience", "SOME",
                        "subject", "Hi {firstName}", "body", "b", "extra", 1)).post("/api/v1/notices").then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("audience", "extra",
                        "subject"));
        as(Roles.RELEASE_MANAGER).body(Map.of("product", w.product, "version", "2.0", "audience", "ALL",
                        "alertId", java.util.UUID.randomUUID().toString(), "subject", "s", "body", "b"))
                .post("/api/v1/notices").then().statusCode(400);
        as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}", java.util.UUID.randomUUID()).then().statusCode(404);
        as(Roles.SUPPORT_LEAD).post("/api/v1/notices/{id}/approve", java.util.UUID.randomUUID()).then()
                .statusCode(403);
        assertThat(as(Roles.RELEASE_MANAGER).queryParam("product", w.product).get("/api/v1/notices").then()
                .statusCode(200).extract().jsonPath().getList("$")).isEmpty();
    }
}

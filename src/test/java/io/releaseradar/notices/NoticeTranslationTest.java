package io.releaseradar.notices;

import static io.releaseradar.notices.NoticeFlowTest.NOW;
import static io.releaseradar.notices.NoticeFlowTest.id;
import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertTestSupport;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.delivery.NoticeDeliveryWorker;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.GreenMailResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Text for customers, end to end with a real SMTP server: each customer gets the translation for their locale (de-CH
 * falls back to de), a customer whose language has none gets the default text, the placeholders are filled per
 * customer ({name}, {installedVersion}) and per notice ({symptom} in the customers' own words, {fixVersion}), and
 * text that breaks the rules is a 400 that names the field and stores nothing.
 */
@QuarkusTest
@TestProfile(NoticeTestProfile.class)
class NoticeTranslationTest {

    @Inject
    NoticeDeliveryWorker worker;
    @Inject
    AlertTestSupport alerts;

    /**
     * Releases 1.0 (30 days ago), 2.0 (10 days ago, the bad one), 2.1 (a day ago, the fix). ch-a (de-CH) and fr-b
     * (fr-FR) run 2.0, en-c (no locale) still runs 1.0.
     */
    private static InstallBase world() {
        InstallBase w = new InstallBase(uniqueProduct());
        w.release("1.0", NOW.minus(Duration.ofDays(30))).release("2.0", NOW.minus(Duration.ofDays(10)))
                .release("2.1", NOW.minus(Duration.ofDays(1)));
        w.customer(id(w, "ch-a"), "Anna Muster", false, "de-CH").customer(id(w, "fr-b"), "Bernard", false, "fr-FR")
                .customer(id(w, "en-c"), "Carol", false, null);
        for (String c : List.of("ch-a", "fr-b", "en-c")) {
            w.installs(id(w, c), "1.0", NOW.minus(Duration.ofDays(29)));
        }
        w.installs(id(w, "ch-a"), "2.0", NOW.minus(Duration.ofDays(5)))
                .installs(id(w, "fr-b"), "2.0", NOW.minus(Duration.ofDays(5)));
        return w.save();
    }

    /** An alert of 2.0 about the key phrase "note vanished", whose sample contacts say "Notes vanished". */
    private String alert(InstallBase w) {
        List<AlertView.SampleContact> samples = List.of(
                new AlertView.SampleContact("zendesk", w.product + "-s1", NOW.minusSeconds(60),
                        "Notes vanished after the update"),
                new AlertView.SampleContact("zendesk", w.product + "-s2", NOW.minusSeconds(120),
                        "All my notes vanished!"),
                new AlertView.SampleContact("zendesk", w.product + "-s3", NOW.minusSeconds(180), "note vanish"));
        alerts.apply(w.product, NOW, List.of(AlertTestSupport.finding(w.product, "2.0", Severity.HIGH, 40,
                "note vanished")), f -> samples);
        return as(Roles.SUPPORT_LEAD).queryParam("product", w.product).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getString("[0].id");
    }

    private static Map<String, Object> notice(InstallBase w, String version, String subject, String body) {
        Map<String, Object> n = new HashMap<>();
        n.put("product", w.product);
        n.put("version", version);
        n.put("audience", "ALL");
        n.put("subject", subject);
        n.put("body", body);
        return n;
    }

    @Test
    void eachCustomerGetsTheTextForTheirLanguageWithTheirOwnDetails() throws Exception {
        InstallBase w = world();
        Map<String, Object> n = notice(w, "2.0", "{product} {version}: please upgrade to {fixVersion}",
                "Customers report \"{symptom}\". You run {installedVersion}, {name}: please upgrade to {fixVersion}.");
        n.put("alertId", alert(w));
        n.put("translations", Map.of("de", Map.of("subject", "{product} {version}: bitte auf {fixVersion} "
                        + "aktualisieren", "body", "Kunden melden „{symptom}“. Sie verwenden {installedVersion}, "
                        + "{name}: bitte auf {fixVersion} aktualisieren.")));
        JsonPath created = as(Roles.RELEASE_MANAGER).body(n).post("/api/v1/notices").then().statusCode(201)
                .extract().jsonPath();
        String id = created.getString("id");
        // persisted with the notice's own placeholders filled: the customers' wording, the fix
        assertThat(created.getString("notice.translations.de.subject")).isEqualTo(w.product
                + " 2.0: bitte auf 2.1 aktualisieren");
        assertThat(created.getString("notice.body")).startsWith("Customers report \"notes vanished\". You run "
                + "{installedVersion}, {name}");

        // the preview: one mail per language, with how many customers get each
        JsonPath preview = as(Roles.RELEASE_MANAGER).get("/api/v1/notices/{id}/preview", id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(preview.getList("languages.locale")).containsExactly(null, "de");
        assertThat(preview.getList("languages.customers")).containsExactly(2, 1);
        assertThat(preview.getString("languages[1].sample.subject")).isEqualTo(w.product
                + " 2.0: bitte auf 2.1 aktualisieren");
        assertThat(preview.getString("languages[1].sample.text")).contains("Guten Tag Anna Muster,")
                .contains("Sie verwenden 2.0, Anna Muster");

        List<String> finished = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof org.jboss.logmanager.ExtLogRecord ext
                        ? ext.getFormattedMessage() : String.valueOf(record.getMessage());
                if (message.contains(id)) {
                    finished.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger workerLog = Logger.getLogger(NoticeDeliveryWorker.class.getName());
        workerLog.addHandler(capture);
        try {
            as(Roles.RELEASE_MANAGER).post("/api/v1/notices/{id}/approve", id).then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                worker.deliverDue();
                return "SENT".equals(NoticeFlowTest.notice(id).getString("status"));
            });
        } finally {
            workerLog.removeHandler(capture);
        }

        MimeMessage swiss = only(InstallBase.email(id(w, "ch-a")));
        assertThat(swiss.getSubject()).isEqualTo(w.product + " 2.0: bitte auf 2.1 aktualisieren");
        assertThat(swiss.getHeader("Content-Language")[0]).isEqualTo("de");
        assertThat(text(swiss)).contains("Guten Tag Anna Muster,").contains("Kunden melden „notes vanished“.")
                .contains("Sie verwenden 2.0, Anna Muster: bitte auf 2.1 aktualisieren.")
                .contains("Produktmitteilungen abbestellen").doesNotContain("Dear ");

        MimeMessage french = only(InstallBase.email(id(w, "fr-b")));
        assertThat(french.getSubject()).as("no French text: the default").isEqualTo(w.product
                + " 2.0: please upgrade to 2.1");
        assertThat(french.getHeader("Content-Language")).isNull();
        assertThat(text(french)).contains("Dear Bernard,").contains("Customers report \"notes vanished\".")
                .contains("You run 2.0, Bernard: please upgrade to 2.1.");

        MimeMessage english = only(InstallBase.email(id(w, "en-c")));
        assertThat(text(english)).contains("You run 1.0, Carol: please upgrade to 2.1.")
                .contains("have not upgraded to 2.0");

        // one line for the whole notice, with counts by language
        assertThat(finished).hasSize(1);
        assertThat(finished.get(0)).contains("sent: 3 mail(s) (default text 2, de 1), 0 failed");
    }

    @Test
    void theFixVersionIsTheNewestLaterReleaseAndEmptyWithoutOne() {
        InstallBase w = world();
        String body = "Fixed in [{fixVersion}].";
        String onOld = as(Roles.RELEASE_MANAGER).body(notice(w, "1.0", "About {version}", body))
                .post("/api/v1/notices").then().statusCode(201).extract().path("notice.body");
        assertThat(onOld).as("2.0 and 2.1 came after 1.0; 2.1 is the newest").isEqualTo("Fixed in [2.1].");
        String onNewest = as(Roles.RELEASE_MANAGER).body(notice(w, "2.1", "About {version}", body))
                .post("/api/v1/notices").then().statusCode(201).extract().path("notice.body");
        assertThat(onNewest).isEqualTo("Fixed in [].");
        // a release dated in the future is not out yet
        w.release("2.2", NOW.plus(Duration.ofDays(3)));
        String beforeIt = as(Roles.RELEASE_MANAGER).body(notice(w, "2.1", "About {version}", body))
                .post("/api/v1/notices").then().statusCode(201).extract().path("notice.body");
        assertThat(beforeIt).isEqualTo("Fixed in [].");
    }

    @Test
    void textThatBreaksTheRulesIsRefusedNamingTheFieldAndNothingIsStored() {
        InstallBase w = world();
        refused(notice(w, "2.0", "About {version}", "We are sorry: {summary}."), "body", "{summary}");
        refused(notice(w, "2.0", "About {version}", "You run {runningVersion}."), "body", "{runningVersion}");
        refused(notice(w, "2.0", "About {version}", "Customers report {symptom}."), "body", "alertId");

        Map<String, Object> badTranslation = notice(w, "2.0", "About {version}", "Hello.");
        badTranslation.put("translations", Map.of("de", Map.of("subject", "Über {version}", "body",
                "Hallo {vorname}.")));
        refused(badTranslation, "translations.de.body", "{vorname}");

        Map<String, Object> headerInjection = notice(w, "2.0", "About {version}", "Hello.");
        headerInjection.put("translations", Map.of("fr", Map.of("subject", "Avis\r\nBcc: all@example.com",
                "body", "Bonjour.")));
        refused(headerInjection, "translations.fr.subject", "control characters");

        Map<String, Object> notATag = notice(w, "2.0", "About {version}", "Hello.");
        notATag.put("translations", Map.of("German!", Map.of("subject", "s", "body", "b")));
        refused(notATag, "translations.German!", "language tag");

        Map<String, Object> twice = notice(w, "2.0", "About {version}", "Hello.");
        Map<String, Object> both = new java.util.LinkedHashMap<>();
        both.put("de-CH", Map.of("subject", "s", "body", "b"));
        both.put("de-ch", Map.of("subject", "s", "body", "b"));
        twice.put("translations", both);
        refused(twice, "translations.de-ch", "again");

        assertThat(as(Roles.RELEASE_MANAGER).queryParam("product", w.product).get("/api/v1/notices").then()
                .statusCode(200).extract().jsonPath().getList("$")).isEmpty();
    }

    private static void refused(Map<String, Object> notice, String field, String messagePart) {
        JsonPath problem = as(Roles.RELEASE_MANAGER).body(notice).post("/api/v1/notices").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        assertThat(problem.getList("errors.field")).as(problem.prettify()).containsExactly(field);
        assertThat(problem.getString("errors[0].message")).contains(messagePart);
    }

    private static MimeMessage only(String address) {
        List<MimeMessage> mails = GreenMailResource.mailsTo(address);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    /** Both parts, as NoticeFlowTest reads them. */
    private static String text(MimeMessage mail) throws Exception {
        return NoticeFlowTest.partsText((Multipart) mail.getContent());
    }
}

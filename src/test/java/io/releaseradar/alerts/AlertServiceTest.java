package io.releaseradar.alerts;

import static io.releaseradar.alerts.AlertTestSupport.finding;
import static io.releaseradar.detection.core.Severity.CRITICAL;
import static io.releaseradar.detection.core.Severity.HIGH;
import static io.releaseradar.detection.core.Severity.LOW;
import static io.releaseradar.detection.core.Severity.MEDIUM;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.alerts.AlertChanged.Change;
import io.releaseradar.alerts.AlertView.Status;
import io.releaseradar.detection.core.Finding;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.testsupport.Db;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AlertServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-05T12:00:00Z");

    @Inject
    AlertTestSupport support;
    @Inject
    AlertService alerts;
    @Inject
    AgroalDataSource ds;

    // Two threads of our own: the common pool has a single one on a two-core machine, and the races need two.
    private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);

    @org.junit.jupiter.api.AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private long rows(String product) {
        return Db.count(ds, "SELECT count(*) FROM alert WHERE product = ?", product);
    }

    private List<Change> changes(String product) {
        return support.events(product).stream().map(s -> s.event().change()).toList();
    }

    @Test
    void aFindingOpensOneAlertAndTheSameFindingAgainChangesNothing() {
        String p = uniqueProduct();
        Finding f = finding(p, "2.4.0", MEDIUM, 6.2);
        List<AlertView.SampleContact> samples = List.of(new AlertView.SampleContact("zendesk", "ZD-1",
                Instant.parse("2026-03-05T10:15:00Z"), "Notes vanished"));

        AlertChanges first = support.apply(p, T0, List.of(f), x -> samples);
        assertThat(first.updated()).isEmpty();
        assertThat(first.opened()).singleElement().satisfies(a -> {
            assertThat(a.product()).isEqualTo(p);
            assertThat(a.version()).isEqualTo("2.4.0");
            assertThat(a.severity()).isEqualTo(MEDIUM);
            assertThat(a.status()).isEqualTo(Status.OPEN);
            assertThat(a.openedAt()).isEqualTo(T0);
            assertThat(a.updatedAt()).isEqualTo(T0);
            assertThat(a.summary()).isEqualTo(f.summary());
            assertThat(a.signals()).isEqualTo(f.signals());
            assertThat(a.sampleContacts()).isEqualTo(samples);
            assertThat(a.regressed()).isFalse();
        });
        // What was stored reads back equal, signals (durations, doubles) and samples included.
        assertThat(alerts.get(first.opened().get(0).id())).isEqualTo(first.opened().get(0));

        // another product's, whose samples have the finding's phrase: the summary quotes it in their words
        String p2 = uniqueProduct();
        Finding other = finding(p2, "2.4.0", MEDIUM, 6.2);
        AlertView worded = support.apply(p2, T0, List.of(other), x -> List.of(new AlertView.SampleContact("zendesk",
                "ZD-2", Instant.parse("2026-03-05T10:20:00Z"), "Lost my Notes after the update"))).opened().get(0);
        assertThat(other.summary()).contains("\"lost note\"");
        assertThat(worded.summary()).isEqualTo(other.summary().replace("\"lost note\"", "\"lost notes\""));
        assertThat(alerts.get(worded.id()).summary()).isEqualTo(worded.summary());

        AlertChanges again = support.apply(p, T0, List.of(f), x -> {
            throw new AssertionError("no samples are needed when nothing changes");
        });
        assertThat(again.isEmpty()).isTrue();
        assertThat(rows(p)).isEqualTo(1);
        assertThat(support.events(p)).singleElement().satisfies(s -> {
            assertThat(s.event().change()).isEqualTo(Change.OPENED);
            assertThat(s.event().previousSeverity()).isNull();
            assertThat(s.event().notifiesSubscribers()).isTrue();
            assertThat(s.inTransaction()).as("fired inside the transaction").isTrue();
        });
    }

    @Test
    void strongerEvidenceUpdatesTheAlertAndRaisesItsSeverityWeakerEvidenceDoesNot() {
        String p = uniqueProduct();
        AlertView opened = support.apply(p, T0, finding(p, "2.4.0", MEDIUM, 6.2)).opened().get(0);

        AlertChanges stronger = support.apply(p, T0.plusSeconds(3600), finding(p, "2.4.0", HIGH, 12.5, "sync fail"));
        assertThat(stronger.opened()).isEmpty();
        AlertView updated = stronger.updated().get(0);
        assertThat(updated.id()).isEqualTo(opened.id());
        assertThat(updated.severity()).isEqualTo(HIGH);
        assertThat(updated.openedAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(updated.signals().get(0).symptom()).isEqualTo("sync fail");
        assertThat(alerts.get(opened.id())).isEqualTo(updated);

        // Weaker later evidence neither updates nor lowers anything.
        assertThat(support.apply(p, T0.plusSeconds(7200), finding(p, "2.4.0", LOW, 4.0)).isEmpty()).isTrue();
        assertThat(alerts.get(opened.id()).severity()).isEqualTo(HIGH);
        assertThat(rows(p)).isEqualTo(1);

        AlertChanged update = support.events(p).get(1).event();
        assertThat(update.change()).isEqualTo(Change.UPDATED);
        assertThat(update.previousSeverity()).isEqualTo(MEDIUM);
        assertThat(update.notifiesSubscribers()).isTrue();
        assertThat(changes(p)).containsExactly(Change.OPENED, Change.UPDATED);
    }

    @Test
    void aVersionAndTheProductAsAWholeHaveTheirOwnAlerts() {
        String p = uniqueProduct();
        AlertChanges changes = support.apply(p, T0, finding(p, "2.4.0", MEDIUM, 6.2), finding(p, null, LOW, 7.0));
        assertThat(changes.opened()).extracting(AlertView::version).containsExactlyInAnyOrder("2.4.0", null);
        assertThat(support.apply(p, T0, finding(p, null, LOW, 7.0)).isEmpty()).isTrue();
        assertThat(alerts.list(p, "", null)).extracting(AlertView::version).containsExactly((String) null);
        assertThat(alerts.list(p, "2.4.0", null)).extracting(AlertView::version).containsExactly("2.4.0");
        assertThat(alerts.list(p, null, null)).hasSize(2);
    }

    @Test
    void whatApplyAndTheTransitionsReturnIsWhatIsStoredToTheMicrosecond() {
        String p = uniqueProduct();
        AlertView opened = support.apply(p, T0.plusNanos(123_456_789), finding(p, "2.4.0", LOW, 3.0)).opened().get(0);
        assertThat(opened.openedAt()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(alerts.get(opened.id())).isEqualTo(opened);
        AlertView acked = alerts.acknowledge(opened.id(), null, T0.plusSeconds(5).plusNanos(999));
        assertThat(acked.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(alerts.get(opened.id())).isEqualTo(acked);
    }

    @Test
    void aResolvedAlertWhoseSymptomReturnsOpensANewAlertMarkedRegressed() {
        String p = uniqueProduct();
        AlertView first = support.apply(p, T0, finding(p, "2.4.0", HIGH, 11.0)).opened().get(0);
        Instant ackAt = T0.plusSeconds(600);
        Instant resolvedAt = T0.plusSeconds(1800);
        assertThat(alerts.acknowledge(first.id(), "sync team is on it", ackAt).status())
                .isEqualTo(Status.ACKNOWLEDGED);
        AlertView resolved = alerts.resolve(first.id(), "fixed server-side", resolvedAt);
        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.updatedAt()).isEqualTo(resolvedAt);
        assertThat(resolved.reason()).isEqualTo("fixed server-side");

        // The next hourly runs still see the evidence that was resolved: nothing reopens.
        assertThat(support.apply(p, T0.plus(Duration.ofHours(1)), finding(p, "2.4.0", HIGH, 11.0)).isEmpty())
                .isTrue();
        // A day later the symptom is back on evidence gathered wholly after the resolution.
        Instant later = T0.plus(Duration.ofHours(26));
        AlertView back = support.apply(p, later, finding(p, "2.4.0", MEDIUM, 6.0)).opened().get(0);
        assertThat(back.id()).isNotEqualTo(first.id());
        assertThat(back.regressed()).isTrue();
        assertThat(back.status()).isEqualTo(Status.OPEN);
        assertThat(back.openedAt()).isEqualTo(later);
        assertThat(alerts.get(first.id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(rows(p)).isEqualTo(2);
        assertThat(changes(p)).containsExactly(Change.OPENED, Change.ACKNOWLEDGED, Change.RESOLVED, Change.OPENED);
    }

    @Test
    void aDismissedAlertStaysDismissedForTheSameEvidenceAndReopensOnTwiceTheScore() {
        String p = uniqueProduct();
        AlertView first = support.apply(p, T0, finding(p, "2.4.0", MEDIUM, 6.0)).opened().get(0);
        AlertView dismissed = alerts.dismiss(first.id(), "marketing mail-out", T0.plusSeconds(60));
        assertThat(dismissed.status()).isEqualTo(Status.DISMISSED);
        assertThat(dismissed.reason()).isEqualTo("marketing mail-out");

        Instant later = T0.plus(Duration.ofDays(2));
        assertThat(support.apply(p, later, finding(p, "2.4.0", MEDIUM, 6.0)).isEmpty()).isTrue();
        assertThat(support.apply(p, later, finding(p, "2.4.0", MEDIUM, 11.9)).isEmpty()).isTrue();
        AlertView reopened = support.apply(p, later, finding(p, "2.4.0", MEDIUM, 12.0)).opened().get(0);
        assertThat(reopened.regressed()).isFalse();
        assertThat(rows(p)).isEqualTo(2);
    }

    @Test
    void manualTransitionsAreCheckedAndARepeatChangesNothing() {
        String p = uniqueProduct();
        AlertView a = support.apply(p, T0, finding(p, "2.4.0", MEDIUM, 6.0)).opened().get(0);
        AlertView acked = alerts.acknowledge(a.id(), null, T0.plusSeconds(60));
        assertThat(alerts.acknowledge(a.id(), "again", T0.plusSeconds(120))).isEqualTo(acked);
        alerts.dismiss(a.id(), "not a bug", T0.plusSeconds(180));

        assertThatThrownBy(() -> alerts.resolve(a.id(), null, T0.plusSeconds(240)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> alerts.acknowledge(a.id(), null, T0.plusSeconds(240)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> alerts.dismiss(a.id(), " ", T0.plusSeconds(240)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> alerts.get(java.util.UUID.randomUUID()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(alerts.get(a.id()).status()).isEqualTo(Status.DISMISSED);
        assertThat(changes(p)).containsExactly(Change.OPENED, Change.ACKNOWLEDGED, Change.DISMISSED);
    }

    @Test
    void twoEvaluationsRacingToOpenTheSameAlertOpenOne() throws Exception {
        String p = uniqueProduct();
        Finding f = finding(p, "2.4.0", HIGH, 10.5);
        // Both evaluations have found no alert and decided to open one before either inserts.
        java.util.function.Function<Finding, List<AlertView.SampleContact>> samples = bothDecideFirst();
        CompletableFuture<AlertChanges> a = CompletableFuture.supplyAsync(() -> support.apply(p, T0, List.of(f),
                samples), pool);
        CompletableFuture<AlertChanges> b = CompletableFuture.supplyAsync(() -> support.apply(p, T0, List.of(f),
                samples), pool);
        List<AlertChanges> results = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));

        assertThat(results.stream().mapToInt(r -> r.opened().size()).sum()).isEqualTo(1);
        assertThat(results.stream().mapToInt(r -> r.updated().size()).sum()).isZero();
        assertThat(rows(p)).isEqualTo(1);
        assertThat(changes(p)).containsExactly(Change.OPENED);
    }

    @Test
    void theLoserOfARaceUpdatesTheWinnersAlertWhenItsEvidenceIsStronger() throws Exception {
        String p = uniqueProduct();
        java.util.function.Function<Finding, List<AlertView.SampleContact>> samples = bothDecideFirst();
        CompletableFuture<AlertChanges> weak = CompletableFuture.supplyAsync(() -> support.apply(p, T0,
                List.of(finding(p, "2.4.0", MEDIUM, 6.0)), samples), pool);
        CompletableFuture<AlertChanges> strong = CompletableFuture.supplyAsync(() -> support.apply(p, T0,
                List.of(finding(p, "2.4.0", CRITICAL, 20.0)), samples), pool);
        weak.get(60, TimeUnit.SECONDS);
        strong.get(60, TimeUnit.SECONDS);

        assertThat(rows(p)).isEqualTo(1);
        // Whoever won, the alert ends with the strongest evidence.
        assertThat(alerts.list(p, null, null)).singleElement()
                .satisfies(x -> assertThat(x.severity()).isEqualTo(CRITICAL));
    }

    /**
     * Samples that hold the first two callers until both have arrived, i.e. until both evaluations have read the
     * key's alerts and decided to open one; later calls (a loser re-deciding) pass at once.
     */
    private static java.util.function.Function<Finding, List<AlertView.SampleContact>> bothDecideFirst() {
        CyclicBarrier bothDecided = new CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        return x -> {
            if (calls.incrementAndGet() <= 2) {
                try {
                    bothDecided.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the two evaluations did not race", e);
                }
            }
            return List.of();
        };
    }

    @Test
    void openedAlertsAreCountedBySeverityOnlyWhenTheirTransactionCommits() {
        String p = uniqueProduct();
        double before = openedTotal("CRITICAL");
        assertThatThrownBy(() -> support.applyAndFail(p, T0, finding(p, "2.4.0", CRITICAL, 30.0)))
                .hasMessageContaining("on purpose");
        assertThat(rows(p)).isZero();
        assertThat(openedTotal("CRITICAL")).isEqualTo(before);

        support.apply(p, T0, finding(p, "2.4.0", CRITICAL, 30.0));
        support.apply(p, T0.plusSeconds(3600), finding(p, "2.4.0", CRITICAL, 40.0)); // an update, not an opening
        assertThat(openedTotal("CRITICAL")).isEqualTo(before + 1);
    }

    private static double openedTotal(String severity) {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^radar_alerts_opened_total\\{[^}]*severity=\"" + severity + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as("radar_alerts_opened_total{severity=%s} is exported", severity).isTrue();
        return Double.parseDouble(m.group(1));
    }
}

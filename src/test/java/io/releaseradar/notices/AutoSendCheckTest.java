package io.releaseradar.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.PlaceboCalibration;
import io.releaseradar.detection.core.DetectionSettings;
import io.releaseradar.detection.core.PlaceboEstimate;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.detection.core.UnattendedReplay.ReplayedAlert;
import io.releaseradar.simulation.DemoLoader;
import io.releaseradar.testsupport.Api;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Self-calibration on a stored product history (the demo: three weeks, five versions, one bad release, 3.3.0, its
 * alert opened by the loader's replay): detection replayed over the stored data with the shipped settings alerts
 * only on 3.3.0, which counts as false until somebody confirms it; tight settings cry wolf on healthy versions,
 * above the budget.
 */
@QuarkusTest
class AutoSendCheckTest {

    /** Products this test loaded the demo into: their auto-notices are cancelled after each test. */
    private final List<String> demoProducts = new ArrayList<>();

    @AfterEach
    void cancelDemoNotices() {
        demoProducts.forEach(Api::cancelUnsentNotices);
    }

    @Inject
    DemoLoader demo;
    @Inject
    AutoSendCheck checks;
    @Inject
    AlertService alerts;
    @Inject
    PlaceboCalibration calibration;

    private record Loaded(String product, Instant now) {
    }

    private Loaded load() {
        String product = Api.uniqueProduct();
        // a period of its own, whole weeks apart, as DemoLoaderTest: the same simulated history every run
        Instant now = Instant.parse("2043-01-08T10:20:34Z")
                .plus(Duration.ofDays(7L * ThreadLocalRandom.current().nextInt(500)));
        assertThat(demo.load(product, now)).isTrue();
        demoProducts.add(product);
        return new Loaded(product, now);
    }

    private AlertView badReleaseAlert(String product) {
        List<AlertView> versionAlerts = alerts.list(product, null, null).stream().filter(a -> a.version() != null)
                .toList();
        assertThat(versionAlerts).extracting(AlertView::version).containsExactly("3.3.0");
        return versionAlerts.get(0);
    }

    @Test
    void theShippedSettingsStayWithinBudgetOnceTheIncidentIsConfirmedAndTightOnesDoNot() {
        Loaded d = load();
        AlertView bad = badReleaseAlert(d.product());
        DetectionSettings shipped = calibration.settings();

        // nobody has looked at 3.3.0's alert yet: by the product's own record it is not an incident
        AutoSendCheck.Check unconfirmed = checks.check(d.product(), shipped, d.now());
        assertThat(unconfirmed.state()).isEqualTo(AutoSendCheck.State.DONE);
        // from a day after the first stored contacts (three weeks before now) to now, hourly
        assertThat(unconfirmed.evaluations()).isBetween(19 * 24, 20 * 24 + 1);
        assertThat(unconfirmed.estimate().unconfirmed()).extracting(ReplayedAlert::version).containsExactly("3.3.0");
        assertThat(unconfirmed.estimate().overBudget()).isTrue();

        alerts.acknowledge(bad.id(), "sync team is on it", d.now());
        AutoSendCheck.Check confirmed = checks.check(d.product(), shipped, d.now());
        PlaceboEstimate e = confirmed.estimate();
        assertThat(e.unconfirmed()).as("false alerts with the shipped settings").isEmpty();
        assertThat(e.confirmed()).extracting(ReplayedAlert::version).containsExactly("3.3.0");
        assertThat(e.perHundredVersionWeeks()).isZero();
        assertThat(e.overBudget()).isFalse();
        assertThat(e.budget()).isEqualTo(0.5);
        // the healthy versions with enough installs, for about three weeks (3.3.0 lies in its confirmed incident)
        assertThat(e.versionWeeks()).isBetween(6.0, 20.0);
        // what auto-send from HIGH would have sent: one notice about 3.3.0, to its installs then
        PlaceboEstimate.Sent sent = confirmed.wouldSend(Severity.HIGH, Audience.INSTALLED);
        assertThat(sent.notices()).isEqualTo(1);
        assertThat(sent.customers()).isPositive();
        assertThat(sent.falseNotices()).isZero();
        // to everybody affected: those not yet upgraded from 3.2.x too
        assertThat(confirmed.wouldSend(Severity.HIGH, Audience.ALL).customers()).isGreaterThan(sent.customers());

        // settings that take every wobble for an incident: alerts on healthy versions, far above the budget
        AutoSendCheck.Check tight = checks.check(d.product(), tight(shipped), d.now());
        assertThat(tight.estimate().unconfirmed()).as("false alerts with tight settings").isNotEmpty()
                .extracting(ReplayedAlert::version).doesNotContain("3.3.0");
        assertThat(tight.estimate().perHundredVersionWeeks()).isGreaterThan(tight.estimate().budget());
        assertThat(tight.estimate().overBudget()).isTrue();
    }

    @Test
    void aDismissedAlertConfirmsNothing() {
        Loaded d = load();
        alerts.dismiss(badReleaseAlert(d.product()).id(), "not ours", d.now());
        PlaceboEstimate e = checks.check(d.product(), calibration.settings(), d.now()).estimate();
        assertThat(e.unconfirmed()).extracting(ReplayedAlert::version).containsExactly("3.3.0");
        assertThat(e.overBudget()).isTrue();
    }

    @Test
    void aProductWithoutStoredContactsHasNoHistoryToCheck() {
        String product = Api.uniqueProduct();
        Api.as(io.releaseradar.platform.Roles.RELEASE_MANAGER).contentType("application/json")
                .body(java.util.Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/1.0.0", product).then().statusCode(201);
        assertThat(checks.check(product, calibration.settings(), Instant.now()).state())
                .isEqualTo(AutoSendCheck.State.NO_DATA);
    }

    /** The shipped windows, with no margin, no shrinkage, no spread and a lax false discovery rate. */
    private static DetectionSettings tight(DetectionSettings s) {
        return new DetectionSettings(s.windows(), 0.2, 0.0, 1.0, 2, s.minActiveInstalls(), s.cusumDays(), 1.2, 2.0,
                s.surgeRatio(), s.criticalPhrases(), new DetectionSettings.Relevance(1.0, 1.0, 0.01, 0.0, 0.0, 0.0, 1,
                        1.0));
    }
}

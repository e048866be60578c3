package io.releaseradar.notices;

import io.releaseradar.alerts.AlertService;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * A first draft of a notice about an alert, for the author to edit: what happened in the customers' words, who is
 * affected, what to do now, and the fix version when one is out. Never the alert's summary: that line is for support
 * staff. The mail's own frame greets the customer and says which version they run, so the draft does not.
 */
@ApplicationScoped
public class NoticeDrafts {

    /** A suggested notice: the API's fields. */
    public record Suggestion(String product, String version, UUID alertId, Audience audience, String subject,
            String body) {
    }

    private final AlertService alerts;
    private final ReleaseCatalog releases;
    private final InstantSource clock;

    NoticeDrafts(AlertService alerts, ReleaseCatalog releases, InstantSource clock) {
        this.alerts = alerts;
        this.releases = releases;
        this.clock = clock;
    }

    /** The draft for a version's alert; 404 when there is no such alert, 400 for a product-wide one. */
    @Transactional
    public Suggestion fromAlert(UUID alertId) {
        AlertService.Subject subject = alerts.subject(alertId).orElseThrow(() -> ProblemException.notFound(
                "No alert has id " + alertId + "."));
        AlertView a = subject.alert();
        if (a.version() == null) {
            throw NoticeService.invalid("alertId", "is a product-wide alert; a notice is about one version");
        }
        String symptom = NoticeFields.symptom(subject.symptom(), a.sampleContacts());
        Optional<String> fix = NoticeFields.fixVersion(a.version(), releases.list(a.product()), clock.instant());
        return new Suggestion(a.product(), a.version(), a.id(), Audience.ALL,
                subject(a.product(), a.version(), fix), body(a.product(), a.version(), subject.symptom(), symptom,
                        fix));
    }

    static String subject(String product, String version, Optional<String> fix) {
        return fix.map(f -> product + " " + version + ": please upgrade to " + f)
                .orElse("Important: a problem in " + product + " " + version);
    }

    static String body(String product, String version, String symptomKey, String symptom, Optional<String> fix) {
        String what;
        if (Symptoms.display(symptomKey) == null) {
            what = "contacted us about problems much more often than with other versions";
        } else if (Symptoms.isCategory(symptomKey)) {
            what = "contacted us about problems with " + symptom;
        } else {
            what = "told us: \"" + symptom + "\"";
        }
        String happened = "What happened: customers running " + product + " " + version + " " + what + ". We are "
                + "sorry for the trouble.";
        String affected = "Who is affected: customers running " + product + " " + version + ", and customers who "
                + "are about to upgrade to it.";
        String todo = fix.map(f -> "What to do now: please upgrade to " + product + " " + f + ", which is out now. "
                        + "If you have not upgraded to " + version + " yet, upgrade directly to " + f + ".")
                .orElse("What to do now: if you run " + version + ", please keep a backup of your data and avoid "
                        + "what leads to the problem until the fix is out. If you have not upgraded yet, please stay "
                        + "on your version for now. We will write again when the fix is out.");
        return happened + "\n\n" + affected + "\n\n" + todo;
    }
}

package io.releaseradar.simulation;

import io.releaseradar.detection.core.Severity;
import io.releaseradar.notices.Audience;
import io.releaseradar.notices.NoticePolicy;
import io.releaseradar.notices.Translation;
import java.util.Map;

/**
 * The demo product's notice policy: written for customers, in the words of text for customers ({symptom} is what
 * the customers said, never the alert's summary for support staff), in English with German and French
 * translations, since the demo's customers are English, German, Swiss, French and Dutch.
 */
final class DemoNoticePolicy {

    private DemoNoticePolicy() {
    }

    static NoticePolicy of(Severity minSeverity) {
        return new NoticePolicy(true, minSeverity, Audience.ALL, "Important: a problem in {product} {version}", """
                Customers running {product} {version} report "{symptom}". We are sorry, and we are working on a fix.

                Your version is {installedVersion}. If you run {version}, please do not use sync until the fix is \
                out, and keep a backup of your notes; if you have not upgraded yet, please wait for the next release.

                We will write again when the fix is out.""", Map.of(
                "de", new Translation("Wichtig: ein Problem in {product} {version}", """
                        Kundinnen und Kunden mit {product} {version} berichten: „{symptom}“. Das tut uns leid; wir \
                        arbeiten an einer Korrektur.

                        Ihre Version ist {installedVersion}. Wenn Sie {version} verwenden, nutzen Sie die \
                        Synchronisierung bitte erst wieder, wenn die Korrektur da ist, und sichern Sie Ihre Notizen; \
                        wenn Sie noch nicht aktualisiert haben, warten Sie bitte auf die nächste Version.

                        Wir melden uns wieder, sobald die Korrektur verfügbar ist."""),
                "fr", new Translation("Important : un problème dans {product} {version}", """
                        Des clients qui utilisent {product} {version} signalent : « {symptom} ». Nous en sommes \
                        désolés et préparons une correction.

                        Votre version est {installedVersion}. Si vous utilisez {version}, n’utilisez pas la \
                        synchronisation avant la correction et sauvegardez vos notes ; si vous n’avez pas encore fait \
                        la mise à jour, attendez la prochaine version.

                        Nous vous écrirons à nouveau dès que la correction sera disponible.""")));
    }
}

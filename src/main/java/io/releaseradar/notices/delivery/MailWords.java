package io.releaseradar.notices.delivery;

import java.util.Locale;
import java.util.Map;

/**
 * The few sentences every notice e-mail wraps around the author's text (greeting, why the customer gets it, the
 * unsubscribe line), in the language of the text the customer gets: a German translation is not framed in English.
 * English, German and French; a text in another language is framed in English, as is the default text.
 *
 * @param anonymous what {name} says when the customer has no name
 */
public record MailWords(String language, String dear, String hello, String installed, String notUpgraded, String reason,
        String unsubscribe, String anonymous) {

    static final MailWords ENGLISH = new MailWords("en", "Dear %s,", "Hello,",
            "You are running %1$s %2$s, the version this notice is about.",
            "You are running %1$s %3$s and have not upgraded to %2$s yet. Please read this before you do.",
            "You receive this notice because you use %s.", "Unsubscribe from product notices", "customer");

    private static final Map<String, MailWords> OTHERS = Map.of(
            "de", new MailWords("de", "Guten Tag %s,", "Guten Tag,",
                    "Sie verwenden %1$s %2$s, die Version, um die es in dieser Mitteilung geht.",
                    "Sie verwenden %1$s %3$s und haben noch nicht auf %2$s aktualisiert. Bitte lesen Sie dies, "
                            + "bevor Sie es tun.",
                    "Sie erhalten diese Mitteilung, weil Sie %s verwenden.", "Produktmitteilungen abbestellen",
                    "Kundin, Kunde"),
            "fr", new MailWords("fr", "Bonjour %s,", "Bonjour,",
                    "Vous utilisez %1$s %2$s, la version dont parle cet avis.",
                    "Vous utilisez %1$s %3$s et n’avez pas encore installé %2$s. Veuillez lire ceci avant de le "
                            + "faire.",
                    "Vous recevez cet avis parce que vous utilisez %s.", "Se désabonner des avis produit", "client"));

    /** The words for a text in {@code languageTag} (null: the default text, in English). */
    static MailWords forTag(String languageTag) {
        if (languageTag == null) {
            return ENGLISH;
        }
        String language = Locale.forLanguageTag(languageTag).getLanguage();
        return OTHERS.getOrDefault(language, ENGLISH);
    }
}

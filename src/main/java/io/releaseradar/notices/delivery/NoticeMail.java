package io.releaseradar.notices.delivery;

import java.util.List;

/**
 * What a notice e-mail shows one customer.
 *
 * @param greetingName the customer's name, or null
 * @param installed true: the customer runs the version the notice is about; false: an earlier one, not upgraded yet
 * @param paragraphs the notice's body, personalised, split at blank lines
 * @param words the frame's sentences, in the language of the text
 */
public record NoticeMail(String greetingName, String product, String version, String runningVersion,
        boolean installed, String subject, List<String> paragraphs, String unsubscribeUrl, MailWords words) {

    /** The language of the mail, for the HTML's {@code lang}. */
    public String language() {
        return words.language();
    }

    public String greeting() {
        return greetingName == null ? words.hello() : String.format(words.dear(), greetingName);
    }

    /** One line telling the customer why they get this. */
    public String situation() {
        return String.format(installed ? words.installed() : words.notUpgraded(), product, version, runningVersion);
    }

    public String reason() {
        return String.format(words.reason(), product);
    }

    public String unsubscribe() {
        return words.unsubscribe();
    }
}

package io.releaseradar.notices.delivery;

import java.util.List;

/**
 * What a notice e-mail shows one customer.
 *
 * @param greetingName the customer's name, or null
 * @param installed true: the customer runs the version the notice is about; false: an earlier one, not upgraded yet
 * @param paragraphs the notice's body, personalised, split at blank lines
 */
public record NoticeMail(String greetingName, String product, String version, String runningVersion,
        boolean installed, String subject, List<String> paragraphs, String unsubscribeUrl) {

    /** One line telling the customer why they get this. */
    public String situation() {
        return installed
                ? "You are running " + product + " " + version + ", the version this notice is about."
                : "You are running " + product + " " + runningVersion + " and have not upgraded to " + version
                        + " yet. Please read this before you do.";
    }
}

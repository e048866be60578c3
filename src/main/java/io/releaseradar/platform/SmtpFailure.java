package io.releaseradar.platform;

import io.vertx.ext.mail.SMTPException;
import java.util.regex.Pattern;

/**
 * What a failed send over the Quarkus mailer means: a 5xx SMTP reply (no such mailbox, refused sender) or an address
 * the mailer rejects fails the same way next time; anything else (server down, 4xx, timeout) may pass later. The
 * message is logged and stored, so e-mail addresses in it (servers like to quote the recipient) are replaced.
 */
public record SmtpFailure(boolean permanent, String message) {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\\[\\],;:\"'@]+@[^\\s<>()\\[\\],;:\"'@]+");

    public static SmtpFailure of(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return new SmtpFailure(smtp.isPermanent(), "SMTP " + smtp.getReplyCode() + ": "
                        + redact(String.valueOf(smtp.getReplyMessage())));
            }
            if (t instanceof IllegalArgumentException) {
                // The mailer's own address validation.
                return new SmtpFailure(true, "invalid e-mail: " + redact(String.valueOf(t.getMessage())));
            }
        }
        return new SmtpFailure(false, "mail not sent: " + redact(e.toString()));
    }

    /** The text with every e-mail address in it replaced by {@code <address>}. */
    static String redact(String text) {
        return ADDRESS.matcher(text).replaceAll("<address>");
    }
}

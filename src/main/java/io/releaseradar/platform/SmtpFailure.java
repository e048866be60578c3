package io.releaseradar.platform;

import io.vertx.ext.mail.SMTPException;

/**
 * What a failed send over the Quarkus mailer means: a 5xx SMTP reply (no such mailbox, refused sender) or an address
 * the mailer rejects fails the same way next time; anything else (server down, 4xx, timeout) may pass later.
 */
public record SmtpFailure(boolean permanent, String message) {

    public static SmtpFailure of(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return new SmtpFailure(smtp.isPermanent(), "SMTP " + smtp.getReplyCode() + ": "
                        + smtp.getReplyMessage());
            }
            if (t instanceof IllegalArgumentException) {
                // The mailer's own address validation.
                return new SmtpFailure(true, "invalid e-mail: " + t.getMessage());
            }
        }
        return new SmtpFailure(false, "mail not sent: " + e);
    }
}

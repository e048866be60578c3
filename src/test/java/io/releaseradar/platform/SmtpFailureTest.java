package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.mail.SMTPException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure texts are logged and stored: the recipient's address, which servers like to quote, never is. */
class SmtpFailureTest {

    @Test
    void aRejectionQuotingTheRecipientKeepsTheReplyButNotTheAddress() {
        SMTPException smtp = new SMTPException("550 rejected", 550,
                List.of("5.1.1 <ada.lovelace+notes@mail.example.org>: Recipient address rejected"), false);
        SmtpFailure failure = SmtpFailure.of(new RuntimeException(smtp));
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.message()).startsWith("SMTP 550: ").contains("Recipient address rejected")
                .contains("<<address>>").doesNotContain("ada.lovelace").doesNotContain("mail.example.org");
    }

    @Test
    void anInvalidAddressAndOtherErrorsAreRedactedToo() {
        assertThat(SmtpFailure.of(new IllegalArgumentException("Illegal address 'bob@@x' for bob@example.com"))
                .message()).doesNotContain("bob@example.com").startsWith("invalid e-mail: ");
        SmtpFailure down = SmtpFailure.of(new IllegalStateException("no answer for carol@example.com"));
        assertThat(down.permanent()).isFalse();
        assertThat(down.message()).isEqualTo("mail not sent: java.lang.IllegalStateException: no answer for <address>");
    }
}

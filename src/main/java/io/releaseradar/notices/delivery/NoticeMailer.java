package io.releaseradar.notices.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.releaseradar.notices.NoticeText;
import io.releaseradar.notices.NoticesConfig;
import io.releaseradar.notices.Translation;
import io.releaseradar.notices.Translations;
import io.releaseradar.platform.Spans;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a notice for one customer (HTML and plain text from type-safe Qute templates) and sends it over the Quarkus
 * mailer, with a personal unsubscribe link, RFC 8058 one-click unsubscribe headers and a Message-ID that is the same
 * for every attempt at one (notice, customer).
 */
@ApplicationScoped
public class NoticeMailer {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance noticeHtml(NoticeMail mail);

        static native TemplateInstance noticeText(NoticeMail mail);
    }

    /**
     * A rendered mail, for the preview and for sending.
     *
     * @param locale the translation it is written in; null: the notice's default text
     */
    public record Rendered(String messageId, String subject, String html, String text, String unsubscribeUrl,
            String locale) {
    }

    /**
     * The notice as the mail needs it: subject, body and translations with the notice's placeholders filled already.
     */
    public record Notice(UUID id, String product, String version, String subject, String body,
            Map<String, Translation> translations) {
    }

    /**
     * The recipient. {@code installed}: runs the notice's version (else an earlier one); {@code locale}: their
     * language tag from the customer feed, or null.
     */
    public record Customer(String id, String name, String email, String runningVersion, boolean installed,
            String locale) {
    }

    private final Mailer mailer;
    private final NoticesConfig config;
    private final UnsubscribeTokens tokens;
    private final Spans spans;

    NoticeMailer(Mailer mailer, NoticesConfig config, Spans spans) {
        this.mailer = mailer;
        this.config = config;
        this.spans = spans;
        this.tokens = new UnsubscribeTokens(config.unsubscribeSecret());
    }

    /** The mail for one customer: the text for their locale (see {@link Translations#pick}), personalised. */
    public Rendered render(Notice notice, Customer customer) {
        String locale = Translations.pick(notice.translations().keySet(), customer.locale()).orElse(null);
        Translation text = locale == null ? new Translation(notice.subject(), notice.body())
                : notice.translations().get(locale);
        MailWords words = MailWords.forTag(locale);
        Map<String, String> personal = new HashMap<>();
        personal.put("name", customer.name() == null ? words.anonymous() : customer.name());
        personal.put("installedVersion", customer.runningVersion());
        String subject = NoticeText.fill(text.subject(), personal);
        List<String> paragraphs = Arrays.stream(NoticeText.fill(text.body(), personal).split("\\R\\s*\\R"))
                .map(String::strip).filter(p -> !p.isEmpty()).toList();
        String url = unsubscribeUrl(customer.id());
        NoticeMail mail = new NoticeMail(customer.name(), notice.product(), notice.version(),
                customer.runningVersion(), customer.installed(), subject, paragraphs, url, words);
        return new Rendered(messageId(notice.id(), customer.id()), subject,
                Templates.noticeHtml(mail).render(), Templates.noticeText(mail).render(), url, locale);
    }

    /** Sends; a {@link RuntimeException} from the mailer means it was not sent (see SmtpFailure). */
    void send(Rendered rendered, String to) {
        Mail mail = Mail.withHtml(to, rendered.subject(), rendered.html())
                .setText(rendered.text())
                .addHeader("Message-ID", rendered.messageId())
                .addHeader("List-Unsubscribe", "<" + rendered.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (rendered.locale() != null) {
            // RFC 3282; the default text's language is the author's, not known here
            mail.addHeader("Content-Language", rendered.locale());
        }
        spans.smtpSend("notice", () -> mailer.send(mail));
    }

    String unsubscribeUrl(String customerId) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl() : config.publicUrl() + "/";
        return base + "unsubscribe?token=" + URLEncoder.encode(tokens.tokenFor(customerId), StandardCharsets.UTF_8);
    }

    /** {@code <notice.<id>.<customer-hash>@release-radar>}: stable, and valid whatever the id's characters. */
    static String messageId(UUID noticeId, String customerId) {
        UUID customer = UUID.nameUUIDFromBytes(customerId.getBytes(StandardCharsets.UTF_8));
        return "<notice." + noticeId + "." + customer + "@release-radar>";
    }
}

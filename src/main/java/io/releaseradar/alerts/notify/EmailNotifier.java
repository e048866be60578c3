package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.platform.SmtpFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Sends an alert e-mail (HTML and plain text) over the Quarkus mailer. Its Message-ID is the same for every attempt
 * at one (alert, subscription, severity), so a mail sent again after a crash between sending and recording it can
 * be recognised as the same message.
 */
@ApplicationScoped
class EmailNotifier {

    /** Carries the outbox row's delivery id, as the webhook header does. */
    static final String DELIVERY_HEADER = "X-Radar-Delivery";

    private final Mailer mailer;
    private final Template html;
    private final Template text;
    private final ObjectMapper json;
    private final AlertNotifyConfig config;

    EmailNotifier(Mailer mailer, @Location("alert-notify/alert.html") Template html,
            @Location("alert-notify/alert.txt") Template text, ObjectMapper json, AlertNotifyConfig config) {
        this.mailer = mailer;
        this.html = html;
        this.text = text;
        this.json = json;
        this.config = config;
    }

    void send(OutboxRow row) throws DeliveryFailure {
        if (row.email() == null) {
            throw DeliveryFailure.permanent("the subscription has no e-mail address any more");
        }
        AlertView alert = alert(row);
        AlertMail data = new AlertMail(alert, !"OPENED".equals(row.change()), AlertLinks.of(config, alert.id()),
                row.subscriptionId());
        String subject = config.mailSubjectPrefix() + " " + (data.raised() ? "now " : "") + row.severity() + ": "
                + alert.product() + " " + data.versionLabel() + " - " + alert.summary();
        Mail mail = Mail.withHtml(row.email(), subject, html.data("mail", data).render())
                .setText(text.data("mail", data).render())
                .addHeader("Message-ID", messageId(row))
                .addHeader(DELIVERY_HEADER, row.deliveryId().toString());
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    /** {@code <alert.SEVERITY.subscription-hash@release-radar>}: stable, and valid whatever the id's characters. */
    static String messageId(OutboxRow row) {
        String subscription = UUID.nameUUIDFromBytes(row.subscriptionId().getBytes(StandardCharsets.UTF_8))
                .toString();
        return "<" + row.alertId() + "." + row.severity() + "." + subscription + "@release-radar>";
    }

    private AlertView alert(OutboxRow row) throws DeliveryFailure {
        try {
            return json.readValue(row.payload(), AlertView.class);
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("the stored Alert JSON cannot be read: " + e.getOriginalMessage());
        }
    }

    private static DeliveryFailure classify(RuntimeException e) {
        SmtpFailure failure = SmtpFailure.of(e);
        return failure.permanent() ? DeliveryFailure.permanent(failure.message())
                : DeliveryFailure.temporary(failure.message(), e);
    }
}

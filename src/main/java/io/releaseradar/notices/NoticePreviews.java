package io.releaseradar.notices;

import io.releaseradar.installbase.CustomerDirectory;
import io.releaseradar.notices.delivery.DeliveryReports;
import io.releaseradar.notices.delivery.NoticeMailer;
import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A notice's preview: the audience broken down, one customer's mail, and one mail per language with how many
 * customers get it. A draft's audience is planned as of now; an approved notice's comes from its deliveries, and a
 * delivery already handed to SMTP counts in the language it was sent in.
 */
@ApplicationScoped
class NoticePreviews {

    private static final Set<String> SENT_STATES = Set.of("SENDING", "SENT");

    private final NoticeStore store;
    private final AudienceBuilder audiences;
    private final DeliveryReports reports;
    private final NoticeMailer mailer;
    private final CustomerDirectory directory;

    NoticePreviews(NoticeStore store, AudienceBuilder audiences, DeliveryReports reports, NoticeMailer mailer,
            CustomerDirectory directory) {
        this.store = store;
        this.audiences = audiences;
        this.reports = reports;
        this.mailer = mailer;
        this.directory = directory;
    }

    /** A customer who is mailed, with the text they get ({@code locale} null: the default). */
    private record Reader(AudiencePlan.Entry entry, String locale) {
    }

    NoticePreview preview(NoticeStore.Row row, String customerId, Instant now) {
        NoticeMailer.Notice notice = new NoticeMailer.Notice(row.id(), row.product(), row.version(), row.subject(),
                row.body(), store.translationsOf(row.id()));
        List<AudiencePlan.Entry> entries;
        Breakdown breakdown;
        List<Reader> readers = new ArrayList<>();
        if (row.status() == NoticeView.Status.DRAFT) {
            AudiencePlan plan = audiences.plan(row, now);
            entries = plan.entries();
            breakdown = plan.breakdown();
            List<AudiencePlan.Entry> mailed = entries.stream().filter(e -> e.suppression() == null).toList();
            Map<String, CustomerDirectory.Addressee> who = directory.find(mailed.stream()
                    .map(AudiencePlan.Entry::customerId).toList());
            mailed.forEach(e -> readers.add(new Reader(e, pick(notice, who.get(e.customerId())))));
        } else {
            entries = null;
            breakdown = audiences.breakdownOf(row.id());
            List<DeliveryReports.Recipient> recipients = reports.recipients(row.id(), false);
            Map<String, CustomerDirectory.Addressee> who = directory.find(recipients.stream()
                    .filter(r -> !SENT_STATES.contains(r.state())).map(DeliveryReports.Recipient::customerId)
                    .toList());
            for (DeliveryReports.Recipient r : recipients) {
                AudiencePlan.Entry e = new AudiencePlan.Entry(r.customerId(), Audience.valueOf(r.group()),
                        r.runningVersion(), null);
                readers.add(new Reader(e, SENT_STATES.contains(r.state()) ? r.locale()
                        : pick(notice, who.get(r.customerId()))));
            }
        }
        Optional<AudiencePlan.Entry> sample = audiences.sampleRecipient(row, entries, customerId);
        if (customerId != null && sample.isEmpty()) {
            throw ProblemException.notFound("Customer " + customerId + " is not in this notice's audience.");
        }
        return new NoticePreview(row.id(), breakdown, sample.map(e -> render(notice, e, null, false)).orElse(null),
                languages(notice, readers));
    }

    private static String pick(NoticeMailer.Notice notice, CustomerDirectory.Addressee who) {
        return Translations.pick(notice.translations().keySet(), who == null ? null : who.locale()).orElse(null);
    }

    /** The default text first, then each translation by tag; each with its readers and one rendered mail. */
    private List<NoticePreview.Language> languages(NoticeMailer.Notice notice, List<Reader> readers) {
        Map<String, List<Reader>> byLanguage = new LinkedHashMap<>();
        byLanguage.put("", new ArrayList<>());
        notice.translations().keySet().forEach(tag -> byLanguage.put(tag, new ArrayList<>()));
        for (Reader r : readers) {
            byLanguage.getOrDefault(r.locale() == null ? "" : r.locale(), byLanguage.get("")).add(r);
        }
        List<NoticePreview.Language> out = new ArrayList<>();
        byLanguage.forEach((tag, group) -> {
            // nobody reads it: shown as the first mailed customer would get it, so the author sees every text
            Optional<Reader> first = group.stream().findFirst().or(() -> readers.stream().findFirst());
            String locale = tag.isEmpty() ? null : tag;
            out.add(new NoticePreview.Language(locale, group.size(),
                    first.map(r -> render(notice, r.entry(), locale, true)).orElse(null)));
        });
        return out;
    }

    /**
     * The mail for {@code e}: in their own language, or ({@code forced}) in {@code locale}'s text (null: default).
     */
    NoticePreview.Sample render(NoticeMailer.Notice notice, AudiencePlan.Entry e, String locale,
            boolean forced) {
        CustomerDirectory.Addressee who = directory.find(List.of(e.customerId())).get(e.customerId());
        NoticeMailer.Notice text = notice;
        String customerLocale = who == null ? null : who.locale();
        if (forced) {
            // the customer's own locale could pick another translation; ask for exactly this one
            text = locale == null ? new NoticeMailer.Notice(notice.id(), notice.product(), notice.version(),
                    notice.subject(), notice.body(), Map.of()) : notice;
            customerLocale = locale;
        }
        NoticeMailer.Rendered mail = mailer.render(text, new NoticeMailer.Customer(e.customerId(),
                who == null ? null : who.name(), who == null ? null : who.email(), e.runningVersion(),
                e.group() == Audience.INSTALLED, customerLocale));
        return new NoticePreview.Sample(e.customerId(), e.group(), e.runningVersion(), e.suppression(),
                mail.locale(), mail.subject(), mail.text(), mail.html());
    }
}

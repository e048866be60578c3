package io.releaseradar.notices;

import io.releaseradar.installbase.CustomerDirectory;
import io.releaseradar.notices.delivery.DeliveryReports;
import io.releaseradar.notices.delivery.NoticeMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the outbox sent, for people to look at: per notice, its recipients by the language they got it in, and one
 * mail per language as the first of them got it. The demo's mailer keeps its mails to itself; this shows them.
 */
@ApplicationScoped
public class SentMail {

    /** Addresses listed per language; the rest are counted. */
    static final int LISTED = 20;

    /** A notice that was sent to at least one customer. */
    public record Notice(UUID id, String product, String version, String subject, boolean auto,
            Instant approvedAt, int sent, List<Language> languages) {
    }

    /**
     * The mails of one notice in one language.
     *
     * @param locale the translation; null: the default text
     * @param recipients the first {@value #LISTED} addresses (an erased customer's is gone)
     */
    public record Language(String locale, int count, List<String> recipients, NoticePreview.Sample mail) {

        public int unlisted() {
            return count - recipients.size();
        }
    }

    private final NoticeStore store;
    private final DeliveryReports reports;
    private final NoticePreviews previews;
    private final CustomerDirectory directory;

    SentMail(NoticeStore store, DeliveryReports reports, NoticePreviews previews, CustomerDirectory directory) {
        this.store = store;
        this.reports = reports;
        this.previews = previews;
        this.directory = directory;
    }

    /** The newest {@code limit} notices that went to anybody, newest first. */
    @Transactional
    public List<Notice> recent(int limit) {
        List<Notice> out = new ArrayList<>();
        for (NoticeStore.Row row : store.list(null, null)) {
            if (out.size() >= limit) {
                break;
            }
            if (row.status() == NoticeView.Status.DRAFT) {
                continue;
            }
            List<DeliveryReports.Recipient> sent = reports.recipients(row.id(), true);
            if (!sent.isEmpty()) {
                out.add(notice(row, sent));
            }
        }
        return out;
    }

    private Notice notice(NoticeStore.Row row, List<DeliveryReports.Recipient> sent) {
        NoticeMailer.Notice notice = new NoticeMailer.Notice(row.id(), row.product(), row.version(), row.subject(),
                row.body(), store.translationsOf(row.id()));
        Map<String, List<DeliveryReports.Recipient>> byLanguage = new LinkedHashMap<>();
        byLanguage.put("", new ArrayList<>());
        notice.translations().keySet().forEach(tag -> byLanguage.put(tag, new ArrayList<>()));
        for (DeliveryReports.Recipient r : sent) {
            byLanguage.computeIfAbsent(r.locale() == null ? "" : r.locale(), k -> new ArrayList<>()).add(r);
        }
        List<Language> languages = new ArrayList<>();
        byLanguage.forEach((tag, group) -> {
            if (group.isEmpty()) {
                return; // nobody got it in this language: nothing was sent
            }
            List<String> ids = group.stream().limit(LISTED).map(DeliveryReports.Recipient::customerId).toList();
            Map<String, CustomerDirectory.Addressee> who = directory.find(ids);
            List<String> addresses = ids.stream().map(who::get).filter(Objects::nonNull)
                    .map(CustomerDirectory.Addressee::email).filter(Objects::nonNull).toList();
            DeliveryReports.Recipient first = group.get(0);
            String locale = tag.isEmpty() ? null : tag;
            languages.add(new Language(locale, group.size(), addresses, previews.render(notice,
                    new AudiencePlan.Entry(first.customerId(), Audience.valueOf(first.group()),
                            first.runningVersion(), null), locale, true)));
        });
        return new Notice(row.id(), row.product(), row.version(), row.subject(), row.auto(), row.approvedAt(),
                sent.size(), languages);
    }
}

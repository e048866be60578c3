package io.releaseradar.notices;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What approving a notice would do (or did): its audience broken down, the mail one customer gets, and one mail per
 * language with how many customers get it.
 *
 * @param sample null when nobody in the audience can be mailed
 * @param languages the default text first, then each translation (also those nobody gets)
 */
@Schema(name = "NoticePreview")
public record NoticePreview(UUID noticeId, Breakdown breakdown, @Schema(nullable = true) Sample sample,
        List<Language> languages) {

    /**
     * The rendered mail for one customer.
     *
     * @param suppression why this customer would not be mailed (asked for by id), or null
     * @param locale the translation the customer gets; null: the default text
     */
    @Schema(name = "NoticePreviewSample")
    public record Sample(String customerId, Audience group, String runningVersion,
            @Schema(nullable = true) Suppression suppression, @Schema(nullable = true) String locale, String subject,
            String text, String html) {
    }

    /**
     * One language of the notice.
     *
     * @param locale the translation's language tag; null: the default text
     * @param customers mailed customers who get this text (their locale, with fallback)
     * @param sample the mail as the first of them gets it (or the first mailed customer, when none does); null when
     *     nobody is mailed
     */
    @Schema(name = "NoticePreviewLanguage")
    public record Language(@Schema(nullable = true) String locale, int customers,
            @Schema(nullable = true) Sample sample) {
    }
}

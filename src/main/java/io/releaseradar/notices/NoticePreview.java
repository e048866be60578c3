package io.releaseradar.notices;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What approving a notice would do: its audience broken down, and the mail one customer would get.
 *
 * @param sample null when nobody in the audience can be mailed
 */
@Schema(name = "NoticePreview")
public record NoticePreview(UUID noticeId, Breakdown breakdown, @Schema(nullable = true) Sample sample) {

    /**
     * The rendered mail for one customer.
     *
     * @param suppression why this customer would not be mailed (asked for by id), or null
     */
    @Schema(name = "NoticePreviewSample")
    public record Sample(String customerId, Audience group, String runningVersion,
            @Schema(nullable = true) Suppression suppression, String subject, String text, String html) {
    }
}

package io.releaseradar.notices;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The audience of a notice broken down: who gets it, by group, and who is left out, by reason.
 *
 * @param installed mailed customers running the version
 * @param notYetUpgraded mailed customers on an earlier version
 * @param suppressed customers of the audience left out, by reason (reasons with none left out are omitted)
 */
@Schema(name = "NoticeAudienceBreakdown")
public record Breakdown(int installed, int notYetUpgraded, Map<Suppression, Integer> suppressed) {

    /** Customers who will be mailed. */
    public int mailed() {
        return installed + notYetUpgraded;
    }
}

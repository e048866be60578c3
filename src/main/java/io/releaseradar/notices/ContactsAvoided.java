package io.releaseradar.notices;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The evidence that a notice spared support calls: of the customers it was sent to, how many contacted support about
 * the alert's symptom on the version after it went out, against the version's customers it was not sent to.
 *
 * @param symptom the alert's symptom (null: any contact about the version)
 * @param since the approval: contacts from then on count
 * @param asOf contacts received before this count
 */
@Schema(name = "ContactsAvoided")
public record ContactsAvoided(UUID noticeId, @Schema(nullable = true) String symptom, Instant since, Instant asOf,
        Group notified, Group notNotified) {

    /**
     * @param customers customers in the group
     * @param contacted of them, those who contacted support about the symptom since
     * @param share contacted / customers (0 when the group is empty)
     */
    @Schema(name = "ContactsAvoidedGroup")
    public record Group(int customers, int contacted, double share) {

        static Group of(int customers, int contacted) {
            return new Group(customers, contacted, customers == 0 ? 0 : (double) contacted / customers);
        }
    }
}

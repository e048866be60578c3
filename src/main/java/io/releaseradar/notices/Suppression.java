package io.releaseradar.notices;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a customer of the audience is not mailed. */
@Schema(name = "NoticeSuppression")
public enum Suppression {
    /** Opted out in the install-base feed, or unsubscribed. */
    OPTED_OUT,
    /** No e-mail address known (not in the customer feed). */
    NO_EMAIL,
    /** Already contacted support about the alert's symptom on this version: already in touch. */
    IN_TOUCH,
    /** Had another notice of the product within the frequency cap, and this one is not CRITICAL. */
    FREQUENCY_CAP
}

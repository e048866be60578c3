package io.releaseradar.alerts.notify;

import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subscription's webhook must be beyond its shape ({@link SubscriptionRequest} checks that): a receiver the
 * address rules allow, checked with a lookup of its host, and a secret that can key both signatures.
 */
@ApplicationScoped
class WebhookRegistration {

    private final ReceiverAddresses receivers;

    WebhookRegistration(ReceiverAddresses receivers) {
        this.receivers = receivers;
    }

    /** A 400 naming {@code webhookUrl} and/or {@code webhookSecret} unless the subscription's webhook may be used. */
    void check(Subscription subscription) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (subscription.webhookUrl() != null) {
            receivers.refusal(subscription.webhookUrl())
                    .ifPresent(why -> errors.add(new Problem.FieldError("webhookUrl", why)));
        }
        if (subscription.webhookSecret() != null) {
            StandardWebhookSignature.keyProblem(subscription.webhookSecret())
                    .ifPresent(why -> errors.add(new Problem.FieldError("webhookSecret", why)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The subscription's webhook cannot be used.", errors);
        }
    }
}

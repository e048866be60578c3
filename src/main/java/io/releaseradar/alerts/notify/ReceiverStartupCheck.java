package io.releaseradar.alerts.notify;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start, in every profile, with receiver settings the service would have to break a promise with: an
 * allowlist entry that is no host name, IP address or CIDR range; a rollout-hold URL without a secret (hold requests
 * are always signed, so the release tooling can tell them from forged ones) or with a {@code whsec_} secret that is
 * not base64; a rollout-hold URL the receiver rules refuse; a webhook trust store that cannot be read. Refusing at the start says so once, clearly, instead of
 * failing every hold request later. A rollout-hold host that does not resolve yet passes: each call checks it again.
 */
@ApplicationScoped
class ReceiverStartupCheck {

    private final AlertNotifyConfig config;
    private final HostResolver resolver;

    ReceiverStartupCheck(AlertNotifyConfig config, HostResolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    void check(@Observes StartupEvent event) {
        List<String> problems = problems(config.webhookAllowedHosts().orElse(List.of()), config.rolloutHold().url(),
                config.rolloutHold().secret(), resolver);
        try {
            WebhookTrustStore.load(config.webhookTrustStore(), config.webhookTrustStorePassword());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". See deploy/README.md, webhook receivers.");
        }
    }

    /** Everything wrong with these settings, each as one sentence; empty when the service may start with them. */
    static List<String> problems(List<String> allowedHosts, Optional<String> holdUrl, Optional<String> holdSecret,
            HostResolver resolver) {
        List<String> problems = new ArrayList<>();
        ReceiverAddressPolicy policy = null;
        try {
            policy = ReceiverAddressPolicy.allowing(allowedHosts);
        } catch (IllegalArgumentException e) {
            problems.add(ReceiverAddressPolicy.SETTING + ": " + e.getMessage());
        }
        if (holdUrl.isEmpty()) {
            return problems;
        }
        if (holdSecret.isEmpty() || holdSecret.get().isBlank()) {
            problems.add("RADAR_ALERTS_ROLLOUT_HOLD_URL is set without RADAR_ALERTS_ROLLOUT_HOLD_SECRET: hold "
                    + "requests are always signed");
        } else {
            StandardWebhookSignature.keyProblem(holdSecret.get())
                    .ifPresent(p -> problems.add("RADAR_ALERTS_ROLLOUT_HOLD_SECRET " + p));
        }
        if (policy != null) {
            new ReceiverAddresses(policy, resolver).refusal(holdUrl.get())
                    .ifPresent(p -> problems.add("RADAR_ALERTS_ROLLOUT_HOLD_URL " + holdUrl.get() + " is refused: "
                            + p));
        }
        return problems;
    }
}

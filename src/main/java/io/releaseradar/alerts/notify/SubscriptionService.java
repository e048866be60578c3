package io.releaseradar.alerts.notify;

import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;

/** Subscriptions to alerts: who is sent which alerts, and how. */
@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionStore store;
    private final AlertOutbox outbox;
    private final WebhookRegistration webhooks;

    SubscriptionService(SubscriptionStore store, AlertOutbox outbox, WebhookRegistration webhooks) {
        this.store = store;
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    /** The outcome of a PUT: the subscription and whether it was new. */
    public record Saved(SubscriptionView subscription, boolean created) {
    }

    /**
     * Creates or replaces a subscription. Deliveries still pending go to its new address and are signed with its
     * new secret (the worker reads both when it sends). A 400 for a webhook receiver the address rules refuse.
     */
    @Transactional
    public Saved save(Subscription subscription) {
        webhooks.check(subscription);
        try {
            return new Saved(subscription.view(), store.upsert(subscription));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store subscription", e);
        }
    }

    /** Reads {@code body} strictly, as the API's PUT does (a 400 naming every invalid field), and saves it. */
    @Transactional
    public Saved save(String id, com.fasterxml.jackson.databind.JsonNode body) {
        SubscriptionRequest.checkId(id);
        return save(SubscriptionRequest.parse(id, body));
    }

    @Transactional
    public List<SubscriptionView> list() {
        try {
            return store.list().stream().map(Subscription::view).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read subscriptions", e);
        }
    }

    /** The subscription; 404 when there is none with that id. */
    @Transactional
    public SubscriptionView get(String id) {
        try {
            return store.find(id).map(Subscription::view).orElseThrow(() -> notFound(id));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read subscription", e);
        }
    }

    /** Deletes the subscription and gives up its pending deliveries; 404 when there is none with that id. */
    @Transactional
    public void delete(String id) {
        try {
            if (!store.delete(id)) {
                throw notFound(id);
            }
            outbox.failPendingDeliveries(id, "the subscription was deleted");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete subscription", e);
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No subscription '" + id + "' exists.");
    }
}

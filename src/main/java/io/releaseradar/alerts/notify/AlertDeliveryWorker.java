package io.releaseradar.alerts.notify;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.releaseradar.platform.Backoff;
import io.releaseradar.platform.Spans;
import io.releaseradar.platform.StopGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox holds. Each batch is one transaction: claim up to {@code radar.alerts.batch-size} due rows
 * with {@code FOR UPDATE SKIP LOCKED}, send them one by one, mark each SENT or schedule its retry, commit. Other
 * workers (threads or replicas) skip the locked rows, so no row is sent by two of them. A crash after a send and
 * before the commit sends that row again on the next run, with the same delivery id and Message-ID, so receivers
 * can drop the repeat.
 *
 * <p>When the application stops (a rolling update, a scale-down), the worker sends no further row and waits a little
 * for the batch in flight to finish its current send and commit, so that what it sent is marked SENT and not sent
 * again by another replica. The batch's rows it did not reach stay due, for whichever replica runs next.
 */
@ApplicationScoped
public class AlertDeliveryWorker {

    private static final Logger LOG = Logger.getLogger(AlertDeliveryWorker.class);
    /** Batches per run at most, so that one run cannot go on for ever while new rows keep coming. */
    private static final int MAX_BATCHES_PER_RUN = 100;
    /** How long a stopping application waits for the batch in flight. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final AlertOutbox outbox;
    private final EmailNotifier email;
    private final WebhookNotifier webhook;
    private final RolloutHoldNotifier rolloutHold;
    private final AlertFeedPublisher feed;
    private final AlertNotifyConfig config;
    private final Backoff backoff;
    private final InstantSource clock;
    private final int transactionTimeoutSeconds;
    private final Spans spans;
    /** Batches pass it; closed when the application stops. */
    private final StopGate gate = new StopGate("alert delivery batch(es)");

    AlertDeliveryWorker(AlertOutbox outbox, EmailNotifier email, WebhookNotifier webhook,
            RolloutHoldNotifier rolloutHold, AlertFeedPublisher feed, AlertNotifyConfig config, InstantSource clock,
            Spans spans) {
        this.spans = spans;
        this.outbox = outbox;
        this.email = email;
        this.webhook = webhook;
        this.rolloutHold = rolloutHold;
        this.feed = feed;
        this.config = config;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
        this.clock = clock;
        // Every row of a batch may take a full webhook timeout (or a slow SMTP or Kafka round trip).
        long perRow = Math.max(config.webhookTimeout().toSeconds(), 20) + 10;
        this.transactionTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, 60 + perRow * config.batchSize());
    }

    void onStop(@Observes ShutdownEvent event) {
        gate.stop(STOP_WAIT);
    }

    /** The gate each batch passes: a stopping application stops it (tests stop and resume it too). */
    public StopGate gate() {
        return gate;
    }

    @Scheduled(identity = "alert-delivery", every = "${radar.alerts.worker-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            deliverDue(clock.instant());
        } catch (RuntimeException e) {
            // The next run tries again (the database may be down); nothing was marked that was not sent.
            LOG.warnf("Alert delivery run failed: %s", e.toString());
        }
    }

    /**
     * Sends every row due at {@code now} (in batches, until none is left), the scheduled runs' work; tests call it
     * directly, with a later {@code now} to skip back-off waits.
     *
     * @return rows claimed, sent or not
     */
    public int deliverDue(Instant now) {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            if (!gate.enter()) {
                break;
            }
            int claimed;
            try {
                claimed = QuarkusTransaction.requiringNew().timeout(transactionTimeoutSeconds)
                        .call(() -> deliverBatch(now));
            } finally {
                gate.leave();
            }
            total += claimed;
            if (claimed < config.batchSize()) {
                break;
            }
        }
        return total;
    }

    private int deliverBatch(Instant now) throws SQLException {
        List<OutboxRow> rows = outbox.claimDue(now, config.batchSize(), feed.enabled());
        DeliveryFailure feedDown = null;
        for (OutboxRow row : rows) {
            if (gate.stopping()) {
                break; // the application is stopping: commit what was sent; the rest stays due
            }
            int attempts = row.attempts() + 1;
            try {
                if (row.channel() == OutboxRow.Channel.KAFKA && feedDown != null) {
                    // One timeout per batch is enough to learn the broker is away.
                    throw DeliveryFailure.temporary("not tried, the broker failed earlier in this batch: "
                            + feedDown.getMessage());
                }
                send(row);
                outbox.markSent(row.id(), attempts, now);
            } catch (DeliveryFailure failure) {
                if (row.channel() == OutboxRow.Channel.KAFKA && !failure.permanent()) {
                    feedDown = failure;
                }
                recordFailure(row, attempts, failure, now);
            }
        }
        return rows.size();
    }

    // One span per delivery, named after where it goes; SMTP and the feed's own producer are traced nowhere else.
    private void send(OutboxRow row) throws DeliveryFailure {
        switch (row.channel()) {
            case EMAIL -> spans.smtpSend("alert", () -> deliver(row));
            case KAFKA -> spans.run(config.topic() + " publish", SpanKind.PRODUCER, Attributes.of(
                    AttributeKey.stringKey("messaging.system"), "kafka",
                    AttributeKey.stringKey("messaging.destination.name"), config.topic()), () -> deliver(row));
            case WEBHOOK, ROLLOUT_HOLD -> spans.run(
                    row.channel().name().toLowerCase(Locale.ROOT).replace('_', '-') + " send", SpanKind.CLIENT,
                    Attributes.empty(), () -> deliver(row));
        }
    }

    private void deliver(OutboxRow row) throws DeliveryFailure {
        try {
            switch (row.channel()) {
                case KAFKA -> feed.send(row);
                case ROLLOUT_HOLD -> rolloutHold.send(row);
                case EMAIL, WEBHOOK -> {
                    if (!row.subscribed()) {
                        throw DeliveryFailure.permanent("the subscription was deleted");
                    }
                    if (row.channel() == OutboxRow.Channel.EMAIL) {
                        email.send(row);
                    } else {
                        webhook.send(row);
                    }
                }
            }
        } catch (RuntimeException e) {
            // A bug or an unexpected library failure: retry rather than lose the message.
            throw DeliveryFailure.temporary("unexpected: " + e, e);
        }
    }

    private void recordFailure(OutboxRow row, int attempts, DeliveryFailure failure, Instant now)
            throws SQLException {
        // The feed must stay complete: only a record the broker can never take is given up.
        boolean exhausted = row.channel() != OutboxRow.Channel.KAFKA && attempts >= config.maxAttempts();
        if (failure.permanent() || exhausted) {
            outbox.markFailed(row.id(), attempts, failure.getMessage());
            LOG.warnf("Alert %s: %s delivery %s failed for good after %d attempt(s): %s", row.alertId(),
                    row.channel(), row.deliveryId(), attempts, failure.getMessage());
        } else {
            outbox.markRetry(row.id(), attempts, now.plus(backoff.after(attempts)), failure.getMessage());
            LOG.infof("Alert %s: %s delivery %s attempt %d failed, retrying: %s", row.alertId(), row.channel(),
                    row.deliveryId(), attempts, failure.getMessage());
        }
    }
}

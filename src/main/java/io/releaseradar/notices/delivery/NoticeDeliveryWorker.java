package io.releaseradar.notices.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.releaseradar.installbase.CustomerDirectory;
import io.releaseradar.installbase.CustomerDirectory.Addressee;
import io.releaseradar.notices.NoticesConfig;
import io.releaseradar.notices.Suppression;
import io.releaseradar.platform.Backoff;
import io.releaseradar.platform.SmtpFailure;
import io.releaseradar.platform.StopGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Sends notice e-mails from the outbox. Per batch: lease due rows ({@code FOR UPDATE SKIP LOCKED}, so replicas and
 * threads never share one), then per row: mark it SENDING (committed), hand it to SMTP, mark it SENT. A failure
 * before SMTP took the mail puts the row back with back-off, or fails it for good; a worker that dies mid-send leaves
 * a SENDING row that the next run fails rather than sends twice. Sending is paced to {@code radar.notices.max-per-
 * second} per replica.
 *
 * <p>When the application stops (a rolling update, a scale-down), the worker starts no further mail and waits a
 * little for the one it is handing to SMTP, so that a stopping replica does not leave a SENDING row behind (which
 * would be failed, and that customer never warned). Rows it leased and did not send go to another replica when the
 * lease runs out.
 */
@ApplicationScoped
public class NoticeDeliveryWorker {

    private static final Logger LOG = Logger.getLogger(NoticeDeliveryWorker.class);
    /** How long a stopping application waits for a mail being handed to SMTP. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final DeliveryStore store;
    private final DeliveryReports reports;
    private final NoticeMailer mailer;
    private final CustomerDirectory customers;
    private final NoticesConfig config;
    private final InstantSource clock;
    private final Backoff backoff;
    private final Pacer pacer;
    private final String owner = "worker-" + UUID.randomUUID();
    /** Mails being handed to SMTP pass it; closed when the application stops. */
    private final StopGate gate = new StopGate("notice mail(s) being handed to SMTP");

    NoticeDeliveryWorker(DeliveryStore store, DeliveryReports reports, NoticeMailer mailer,
            CustomerDirectory customers, NoticesConfig config, InstantSource clock) {
        this.store = store;
        this.reports = reports;
        this.mailer = mailer;
        this.customers = customers;
        this.config = config;
        this.clock = clock;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
        this.pacer = new Pacer(config.maxPerSecond(), System::nanoTime, LockSupport::parkNanos);
    }

    void onStop(@Observes ShutdownEvent event) {
        gate.stop(STOP_WAIT);
    }

    /**
     * The gate each mail being handed to SMTP passes: a stopping application stops it (tests stop and resume it too).
     */
    public StopGate gate() {
        return gate;
    }

    @Scheduled(identity = "notice-delivery", every = "${radar.notices.worker-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // The next run tries again (the database may be down); rows keep their state, leases run out.
            LOG.warnf("Notice delivery run failed: %s", e.toString());
        }
    }

    /**
     * Sends every delivery due now, batch after batch until none is left; the scheduled runs' work, and callable from
     * any number of threads or replicas at once.
     *
     * @return deliveries leased, sent or not
     */
    public int deliverDue() {
        logFinished(store.finishNotices(store.failInterrupted(clock.instant()), clock.instant()));
        int total = 0;
        for (int leased = deliverBatch(); leased > 0; leased = deliverBatch()) {
            total += leased;
        }
        return total;
    }

    /**
     * Leases one batch of due deliveries and sends it.
     *
     * @return deliveries leased; 0 when nothing is due
     */
    public int deliverBatch() {
        if (gate.stopping()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DeliveryStore.Leased> batch = store.lease(owner, now, now.plus(config.lease()), config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        Map<String, Addressee> addressees = customers.find(batch.stream().map(DeliveryStore.Leased::customerId)
                .toList());
        Set<UUID> notices = new HashSet<>();
        for (DeliveryStore.Leased row : batch) {
            notices.add(row.noticeId());
            deliver(row, addressees.get(row.customerId()));
        }
        logFinished(store.finishNotices(notices, clock.instant()));
        return batch.size();
    }

    /** One line per notice done, with counts: the console shows what was sent without a line per mail. */
    private void logFinished(Set<UUID> finished) {
        for (UUID id : finished) {
            reports.outcome(id).ifPresent(o -> LOG.infof("Notice %s (%s %s) sent: %d mail(s)%s, %d failed, %d left "
                    + "out, %d cancelled", id, o.product(), o.version(), o.sent(), languages(o.sentByLanguage()),
                    o.failed(), o.suppressed(), o.cancelled()));
        }
    }

    private static String languages(Map<String, Integer> byLanguage) {
        if (byLanguage.isEmpty() || byLanguage.keySet().equals(Set.of(""))) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        byLanguage.forEach((language, n) -> out.append(out.length() > 2 ? ", " : "")
                .append(language.isEmpty() ? "default text" : language).append(' ').append(n));
        return out.append(')').toString();
    }

    private void deliver(DeliveryStore.Leased row, Addressee to) {
        // The customer may have unsubscribed or been erased since approval: what holds now is what counts.
        if (to == null || to.optedOut() || to.email() == null || to.email().isBlank()) {
            store.markSuppressed(row, to == null || !to.optedOut() ? Suppression.NO_EMAIL.name()
                    : Suppression.OPTED_OUT.name());
            return;
        }
        NoticeMailer.Rendered mail = mailer.render(row.notice(), new NoticeMailer.Customer(to.id(), to.name(),
                to.email(), row.runningVersion(), "INSTALLED".equals(row.group()), to.locale()));
        pacer.acquire();
        if (!gate.enter()) {
            return; // the application is stopping: the lease runs out and another replica sends it
        }
        try {
            send(row, mail, to);
        } finally {
            gate.leave();
        }
    }

    private void send(DeliveryStore.Leased row, NoticeMailer.Rendered mail, Addressee to) {
        if (!store.markSending(row, owner, clock.instant().plus(config.lease()), mail.locale())) {
            return; // cancelled, or the lease ran out and another worker has it
        }
        int attempts = row.attempts() + 1;
        try {
            mailer.send(mail, to.email());
        } catch (RuntimeException e) {
            SmtpFailure failure = SmtpFailure.of(e);
            if (failure.permanent() || attempts >= config.maxAttempts()) {
                store.markFailed(row, failure.message());
                LOG.warnf("Notice %s: delivery failed for good after %d attempt(s): %s", row.noticeId(), attempts,
                        failure.message());
            } else {
                Duration wait = backoff.after(attempts);
                store.markRetry(row, clock.instant().plus(wait), failure.message());
                LOG.infof("Notice %s: delivery attempt %d failed, retrying in %s: %s", row.noticeId(), attempts,
                        wait, failure.message());
            }
            return;
        }
        store.markSent(row, clock.instant());
    }
}

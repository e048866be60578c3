package io.releaseradar.ingest;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.releaseradar.platform.OffOrDuration;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jboss.logging.Logger;

/**
 * Purges the customers' own words from old contacts: once a contact was received longer ago than
 * {@code radar.ingest.retention.contact-text} before the scheduler's now, its subject and body become null, and so
 * do the hashes of its symptom keys, derived from them (V52). The rest
 * of the row (source, ids, time, channel, customer, version, category) stays, and so do detection's rollups, which
 * were counted when the contact was stored: counts, health and detection history do not change. Sample contacts skip
 * contacts without text, and each run fires {@link ContactTextsExpired} so that alerts drop their quotes of them.
 *
 * <p>Every replica runs it; each batch is one statement that claims its rows with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas split the work and never wait for each other, and purging twice changes nothing.
 */
@ApplicationScoped
public class ContactTextRetention {

    private static final Logger LOG = Logger.getLogger(ContactTextRetention.class);

    private final AgroalDataSource dataSource;
    private final InstantSource clock;
    private final MeterRegistry metrics;
    private final Event<ContactTextsExpired> expired;
    /** Null: text is kept forever. */
    private final Duration retention;
    private final int batchSize;

    ContactTextRetention(AgroalDataSource dataSource, InstantSource clock, MeterRegistry metrics,
            IngestConfig config, Event<ContactTextsExpired> expired) {
        this.expired = expired;
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
        this.retention = parse(config.retention().contactText());
        this.batchSize = Math.max(1, config.retention().batchSize());
    }

    @Scheduled(identity = "contact-text-retention", every = "${radar.ingest.retention.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            long purged = purge(clock.instant());
            if (purged > 0) {
                LOG.infof("Contact text retention: purged the text of %d contact(s)", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Contact text retention failed (%s); the next run goes on", e.toString());
        }
    }

    /**
     * Purges the text of every contact received before {@code now} minus the retention, in batches, until none is
     * left (or the rest is being purged by another replica); returns how many this call purged.
     */
    public long purge(Instant now) {
        if (retention == null) {
            return 0;
        }
        Instant cutoff = now.minus(retention);
        long total = 0;
        int n;
        do {
            n = purgeBatch(cutoff);
            total += n;
        } while (n == batchSize);
        metrics.counter("radar_contact_texts_purged_total").increment(total);
        // copies elsewhere go too, including those of contacts purged by earlier runs
        expired.fire(new ContactTextsExpired(cutoff));
        return total;
    }

    private int purgeBatch(Instant cutoff) {
        // One statement, so one short transaction in autocommit; rows an ingest or another replica holds are skipped.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE contact c SET subject = NULL, body = NULL, symptom_hashes = NULL
                  FROM (SELECT source, external_id FROM contact
                         WHERE received_at < ? AND (subject IS NOT NULL OR body IS NOT NULL)
                         ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED) old
                 WHERE c.source = old.source AND c.external_id = old.external_id""")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, batchSize);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not purge contact text", e);
        }
    }

    /** "off", blank or a zero duration: null (keep forever); else the duration (e.g. "180d", "P180D", "4320h"). */
    static Duration parse(String value) {
        Duration d = OffOrDuration.parse("radar.ingest.retention.contact-text", value);
        return d == null || d.isZero() ? null : d;
    }
}

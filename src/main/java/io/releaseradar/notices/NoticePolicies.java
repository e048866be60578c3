package io.releaseradar.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.releaseradar.alerts.AlertChanged;
import io.releaseradar.alerts.AlertService;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.ProblemException;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Each product's auto-notice policy, and the policy at work: an alert of a version that opens at, or rises to, the
 * policy's severity creates and approves a notice by itself, in the transaction that changed the alert. Notices
 * observe alerts (an event) rather than alerts calling notices, so that alerts need not know notices exist.
 */
@ApplicationScoped
public class NoticePolicies {

    private static final Logger LOG = Logger.getLogger(NoticePolicies.class);
    private static final TypeReference<Map<String, Translation>> TRANSLATIONS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ReleaseCatalog releases;
    private final AlertService alerts;
    private final NoticeService notices;
    private final InstantSource clock;
    private final ObjectMapper json;

    NoticePolicies(AgroalDataSource dataSource, ReleaseCatalog releases, AlertService alerts, NoticeService notices,
            InstantSource clock, ObjectMapper json) {
        this.json = json;
        this.dataSource = dataSource;
        this.releases = releases;
        this.alerts = alerts;
        this.notices = notices;
        this.clock = clock;
    }

    /** Creates or replaces the product's policy; 404 when the product is unknown. */
    @Transactional
    public NoticePolicy save(String product, NoticePolicy policy, String actor) {
        releases.list(product); // 404 for an unknown product
        update("""
                INSERT INTO notice_policy (product, auto_send, min_severity, audience, subject, body, translations,
                                           updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (product) DO UPDATE SET auto_send = excluded.auto_send,
                    min_severity = excluded.min_severity, audience = excluded.audience, subject = excluded.subject,
                    body = excluded.body, translations = excluded.translations, updated_by = excluded.updated_by,
                    updated_at = excluded.updated_at""",
                product, policy.autoSend(), policy.minSeverity().name(), policy.audience().name(), policy.subject(),
                policy.body(), policy.translations().isEmpty() ? null : toJson(policy.translations()), actor,
                Timestamp.from(clock.instant()));
        return policy;
    }

    /** The product's policy; 404 when it has none. */
    @Transactional
    public NoticePolicy get(String product) {
        return find(product).orElseThrow(() -> ProblemException.notFound("Product '" + product
                + "' has no notice policy."));
    }

    void onAlertChanged(@Observes AlertChanged event) {
        if (!event.notifiesSubscribers() || event.alert().version() == null) {
            return; // only an opening or a rise can newly reach the policy's severity; product-wide alerts name no version
        }
        Optional<NoticePolicy> policy = find(event.alert().product());
        if (policy.isEmpty() || !policy.get().autoSend()
                || !event.alert().severity().atLeast(policy.get().minSeverity())) {
            return;
        }
        AlertService.Subject subject = alerts.subject(event.alert().id()).orElseThrow();
        notices.createApproved(subject, policy.get(), event.alert().updatedAt()).ifPresent(n ->
                LOG.infof("Alert %s (%s %s, %s): notice %s created and approved by policy for %d customers",
                        event.alert().id(), event.alert().product(), event.alert().version(),
                        event.alert().severity(), n.id(), n.audienceSize()));
    }

    /** The product's policy, if it has one. */
    public Optional<NoticePolicy> find(String product) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT auto_send, min_severity, audience, subject, body, translations FROM notice_policy
                         WHERE product = ?""")) {
            s.setString(1, product);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new NoticePolicy(r.getBoolean(1), Severity.valueOf(r.getString(2)),
                        Audience.valueOf(r.getString(3)), r.getString(4), r.getString(5),
                        r.getString(6) == null ? Map.of() : json.readValue(r.getString(6), TRANSLATIONS)))
                        : Optional.empty();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored notice policy's translations are not JSON", e);
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read a notice policy", e);
        }
    }

    private String toJson(Map<String, Translation> translations) {
        try {
            return json.writeValueAsString(translations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not write a notice policy", e);
        }
    }
}

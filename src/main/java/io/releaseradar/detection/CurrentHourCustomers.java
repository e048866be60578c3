package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.ingest.ContactsReceived;
import io.releaseradar.ingest.StoredContact;
import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customers of the current, unfinished hour ({@link DetectionSource#partialHour}), counted from the contacts
 * received in [hour, asOf), not from the hour's rollups: those count every contact stored so far, so a replay as of
 * an instant in a past hour would see contacts received after it.
 *
 * <p>The rollups' weekly rule ({@link CustomerWeeks}) counts a customer again a week after they were last counted,
 * which depends on every earlier count; the partial hour counts a customer under a (version, symptom) only when they
 * had no contact under it in the week before the hour. It needs that week alone (so a replay gives what the live
 * evaluation gave then) and never counts a customer the rollups do not: a customer counted in a window's earlier
 * hours is not counted again, and the hour, once closed, counts at least as many in every cell. All contacts counts
 * a customer counted under any symptom of the version, as the rollups do. Hours the rollups count once per hour
 * (before the weekly cut-over, migration V50) are counted so here too.
 */
@ApplicationScoped
class CurrentHourCustomers {

    private static final Duration WEEK = Duration.ofHours(CustomerWeeks.WEEK_HOURS);
    /** Contacts whose symptom keys are remembered. */
    private static final int REMEMBERED = 20_000;

    private final AgroalDataSource dataSource;
    private final ContactsReceived contacts;
    private final Symptoms symptoms;
    /**
     * Symptom keys by contact (source, external id), least recently used dropped: every evaluation of the hour reads
     * the same contacts of the hour and of its customers' week before again, and extracting their phrases was most of
     * its cost. A contact's keys never change (its text only by erasure, after which the rollups keep its counts too).
     */
    private final Map<String, List<String>> keys = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > REMEMBERED;
        }
    };

    CurrentHourCustomers(AgroalDataSource dataSource, ContactsReceived contacts, SymptomConfig config) {
        this.dataSource = dataSource;
        this.contacts = contacts;
        this.symptoms = new Symptoms(config.maxPhrases(), config.categoryAliases());
    }

    /** See {@link DetectionSource#partialHour}. */
    Map<VersionSymptom, Long> of(String product, Instant hour, Instant asOf) {
        Map<VersionSymptom, Long> out = new HashMap<>();
        if (!hour.isBefore(asOf)) {
            return out;
        }
        List<String> versions = versionsIn(product, hour);
        if (versions.isEmpty()) {
            return out;
        }
        List<StoredContact> now = contacts.ofVersions(product, versions, versions.contains(Symptoms.UNKNOWN_VERSION),
                hour, asOf);
        // (version, symptom) → customers who had a contact under it in the week before the hour
        Map<VersionSymptom, Set<String>> before = new HashMap<>();
        if (weekly(hour)) {
            Set<String> ids = new HashSet<>();
            now.forEach(c -> {
                if (c.customerId() != null) {
                    ids.add(c.customerId());
                }
            });
            for (StoredContact c : contacts.ofCustomers(product, ids, hour.minus(WEEK), hour)) {
                for (String s : symptomsOf(c)) {
                    before.computeIfAbsent(new VersionSymptom(version(c), s), k -> new HashSet<>())
                            .add(c.customerId());
                }
            }
        }
        Map<VersionSymptom, Set<String>> counted = new HashMap<>();
        for (StoredContact c : now) {
            String v = version(c);
            String customer = c.customerId() != null ? c.customerId()
                    : "contact:" + c.source() + ":" + c.externalId();
            for (String s : symptomsOf(c)) {
                VersionSymptom cell = new VersionSymptom(v, s);
                if (!before.getOrDefault(cell, Set.of()).contains(customer)) {
                    counted.computeIfAbsent(cell, k -> new HashSet<>()).add(customer);
                    // all contacts counts whom any symptom of the version counts
                    counted.computeIfAbsent(new VersionSymptom(v, Symptoms.ALL), k -> new HashSet<>()).add(customer);
                }
            }
        }
        counted.forEach((cell, customers) -> out.put(cell, (long) customers.size()));
        return out;
    }

    /** The contact's symptom keys, as its rollups counted them (remembered: see {@link #keys}). */
    private List<String> symptomsOf(StoredContact c) {
        String key = c.source() + '\u0000' + c.externalId();
        synchronized (keys) {
            List<String> known = keys.get(key);
            if (known != null) {
                return known;
            }
        }
        List<String> found = List.copyOf(symptoms.of(c.category(), c.subject(), c.body()));
        synchronized (keys) {
            keys.put(key, found);
        }
        return found;
    }

    private static String version(StoredContact c) {
        return c.version() == null ? Symptoms.UNKNOWN_VERSION : c.version();
    }

    /**
     * The versions with contacts in the hour, from its all-contacts rollups (an index-only range): they may name
     * versions of contacts received after {@code asOf} too, which the contacts' read then leaves out.
     */
    private List<String> versionsIn(String product, Instant hour) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT version FROM hourly_rollup WHERE product = ? AND symptom = '' AND hour = ?""")) {
            s.setString(1, product);
            s.setTimestamp(2, Timestamp.from(hour));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read rollups", e);
        }
    }

    /**
     * Whether the rollups count the hour the weekly way (else once per hour: no week to look back on). Read each time
     * (one row): tests set the cut-over.
     */
    private boolean weekly(Instant hour) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT from_hour FROM rollup_weekly_cutover");
                ResultSet r = s.executeQuery()) {
            return !r.next() || !hour.isBefore(r.getTimestamp(1).toInstant());
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read the weekly cut-over", e);
        }
    }
}

package io.releaseradar.detection;

import io.agroal.api.AgroalDataSource;
import io.releaseradar.detection.core.DetectionSource;
import io.releaseradar.detection.core.Symptoms;
import io.releaseradar.detection.core.VersionSymptom;
import io.releaseradar.ingest.ContactsReceived;
import io.releaseradar.ingest.ContactSymptoms.Keys;
import io.releaseradar.ingest.ContactsReceived.Received;
import io.releaseradar.platform.SqlArrays;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
 *
 * <p>No text is read or extracted for contacts stored with their symptom hashes (migration V52): the week before is
 * compared by (version, symptom hash), and the hour's own contacts get their keys back from the hour's rollups. Only
 * contacts stored before V52 are extracted again. Erasing a customer clears their hashes with their texts, so their
 * contacts then count under all contacts and their category only, as extraction from no text gave before: within the
 * week after, the current hour may count that customer again under a phrase.
 */
@ApplicationScoped
class CurrentHourCustomers {

    private static final Duration WEEK = Duration.ofHours(CustomerWeeks.WEEK_HOURS);

    /**
     * The symptom hashes one customer had contacts under on one version in the week before the hour: appended, then
     * sorted once and searched (an evaluation looks up each of the hour's keys, and a set of (version, hash) records
     * per customer was a third of the hour's count).
     */
    private static final class SeenHashes {
        private long[] hashes = new long[16];
        private int size;

        void addAll(long[] more) {
            if (size + more.length > hashes.length) {
                hashes = Arrays.copyOf(hashes, Math.max(2 * hashes.length, size + more.length));
            }
            System.arraycopy(more, 0, hashes, size, more.length);
            size += more.length;
        }

        void sort() {
            Arrays.sort(hashes, 0, size);
        }

        boolean contains(long hash) {
            return Arrays.binarySearch(hashes, 0, size, hash) >= 0;
        }
    }

    private final AgroalDataSource dataSource;
    private final ContactsReceived contacts;
    /** Extracts keys of contacts stored without hashes; hashes keys, remembering them. */
    private final SymptomKeys symptoms;

    CurrentHourCustomers(AgroalDataSource dataSource, ContactsReceived contacts, SymptomKeys symptoms) {
        this.dataSource = dataSource;
        this.contacts = contacts;
        this.symptoms = symptoms;
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
        List<Received> now = contacts.ofVersions(product, versions, versions.contains(Symptoms.UNKNOWN_VERSION),
                hour, asOf);
        // customer → version → the symptom hashes they had a contact under in the week before the hour
        Map<String, Map<String, SeenHashes>> before = new HashMap<>();
        if (weekly(hour)) {
            Set<String> ids = new HashSet<>();
            now.forEach(c -> {
                if (c.customerId() != null) {
                    ids.add(c.customerId());
                }
            });
            for (Received c : contacts.ofCustomers(product, ids, hour.minus(WEEK), hour)) {
                long[] counted = c.symptomHashes() != null ? c.symptomHashes()
                        : symptoms.hashes(symptoms.keysOf(c.category(), c.subject(), c.body()));
                before.computeIfAbsent(c.customerId(), k -> new HashMap<>())
                        .computeIfAbsent(version(c), k -> new SeenHashes()).addAll(counted);
            }
            before.values().forEach(byVersion -> byVersion.values().forEach(SeenHashes::sort));
        }
        Map<String, Map<Long, String>> keysByHash = hourKeys(product, hour, versions, now);
        Map<VersionSymptom, Set<String>> counted = new HashMap<>();
        for (Received c : now) {
            String v = version(c);
            String customer = c.customerId() != null ? c.customerId()
                    : "contact:" + c.source() + ":" + c.externalId();
            Keys keys = keysOf(c, keysByHash.getOrDefault(v, Map.of()));
            SeenHashes seen = before.getOrDefault(customer, Map.of()).get(v);
            boolean any = false;
            for (int i = 0; i < keys.keys().size(); i++) {
                if (seen == null || !seen.contains(keys.hashes()[i])) {
                    counted.computeIfAbsent(new VersionSymptom(v, keys.keys().get(i)), k -> new HashSet<>())
                            .add(customer);
                    any = true;
                }
            }
            if (any) {
                // all contacts counts whom any symptom of the version counts
                counted.computeIfAbsent(new VersionSymptom(v, Symptoms.ALL), k -> new HashSet<>()).add(customer);
            }
        }
        counted.forEach((cell, customers) -> out.put(cell, (long) customers.size()));
        return out;
    }

    /**
     * The contact's symptom keys and their hashes, as its rollups counted them: its stored hashes looked up among
     * the keys of its version's rollups in the hour, which the same transaction wrote (a hash not among them would
     * have no rollup either, and is left out); extracted from its texts when it has no hashes.
     */
    private Keys keysOf(Received c, Map<Long, String> keysByHash) {
        if (c.symptomHashes() == null) {
            List<String> keys = symptoms.keysOf(c.category(), c.subject(), c.body());
            return new Keys(keys, symptoms.hashes(keys));
        }
        // a key found by its hash has that hash: no need to hash it again
        List<String> keys = new ArrayList<>(c.symptomHashes().length);
        long[] hashes = new long[c.symptomHashes().length];
        for (long h : c.symptomHashes()) {
            String key = keysByHash.get(h);
            if (key != null) {
                hashes[keys.size()] = h;
                keys.add(key);
            }
        }
        return new Keys(keys, Arrays.copyOf(hashes, keys.size()));
    }

    /**
     * By version, the symptom keys of the hour's rollups by their hashes: those of every contact stored in the hour so
     * far (an index-only range of {@code hourly_rollup_by_version}). Not read when no contact has stored hashes.
     */
    private Map<String, Map<Long, String>> hourKeys(String product, Instant hour, List<String> versions,
            List<Received> now) {
        Map<String, Map<Long, String>> out = new HashMap<>();
        if (now.stream().allMatch(c -> c.symptomHashes() == null)) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT version, symptom FROM hourly_rollup
                 WHERE product = ? AND version = ANY(?::text[]) AND hour = ?""")) {
            s.setString(1, product);
            s.setArray(2, SqlArrays.text(c, versions));
            s.setTimestamp(3, Timestamp.from(hour));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String symptom = r.getString(2);
                    out.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(symptoms.hash(symptom), symptom);
                }
            }
            return out;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read rollups", e);
        }
    }

    private static String version(Received c) {
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

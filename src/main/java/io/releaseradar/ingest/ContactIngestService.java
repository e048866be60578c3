package io.releaseradar.ingest;

import io.releaseradar.installbase.InstallBaseService;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores support contacts exactly once: resolves missing versions from the install base at {@code receivedAt},
 * inserts by the unique (source, externalId) key with the hashes of its symptom keys ({@link ContactSymptoms}), and
 * fires {@link ContactsStored} with those keys in the same transaction.
 */
@ApplicationScoped
public class ContactIngestService {

    /** What became of one contact. {@code version} is the stored one (null: unresolved). */
    public record Outcome(boolean duplicate, String version) {
    }

    private final ContactStore store;
    private final InstallBaseService installBase;
    private final ReleaseCatalog catalog;
    private final ContactSymptoms symptoms;
    private final Event<ContactsStored> stored;
    private final IngestMetrics metrics;

    ContactIngestService(ContactStore store, InstallBaseService installBase, ReleaseCatalog catalog,
            ContactSymptoms symptoms, Event<ContactsStored> stored, IngestMetrics metrics) {
        this.store = store;
        this.symptoms = symptoms;
        this.installBase = installBase;
        this.catalog = catalog;
        this.stored = stored;
        this.metrics = metrics;
    }

    /**
     * Stores valid contacts; returns one outcome per contact, in order. A contact whose key was already stored, or
     * appears earlier in the same list, is a duplicate and changes nothing.
     */
    public List<Outcome> ingest(List<ContactIn> contacts, Ingress ingress) {
        Map<ContactStore.Key, ContactIn> unique = new LinkedHashMap<>();
        for (ContactIn contact : contacts) {
            unique.putIfAbsent(new ContactStore.Key(contact.source(), contact.externalId()), contact);
        }
        Map<ContactStore.Key, ContactStore.Row> rows = unique.isEmpty() ? Map.of()
                : Transactions.inNewTransaction(() -> store(List.copyOf(unique.values())));

        List<Outcome> outcomes = new ArrayList<>(contacts.size());
        Map<String, int[]> perSource = new HashMap<>();
        Set<ContactStore.Key> counted = new java.util.HashSet<>();
        for (ContactIn contact : contacts) {
            ContactStore.Key key = new ContactStore.Key(contact.source(), contact.externalId());
            ContactStore.Row row = rows.get(key);
            boolean accepted = row != null && counted.add(key);
            outcomes.add(new Outcome(!accepted, accepted ? row.contact().version() : null));
            perSource.computeIfAbsent(contact.source(), s -> new int[2])[accepted ? 0 : 1]++;
        }
        perSource.forEach((source, n) -> {
            metrics.accepted(ingress, source, n[0]);
            metrics.duplicate(ingress, source, n[1]);
        });
        return outcomes;
    }

    /** The stored version of a contact already stored (for answering a duplicate); empty when not stored. */
    public Optional<Optional<String>> storedVersion(String source, String externalId) {
        try {
            return store.storedVersion(source, externalId);
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not read contact", e);
        }
    }

    private Map<ContactStore.Key, ContactStore.Row> store(List<ContactIn> contacts) {
        try {
            List<ContactStore.Row> rows = resolve(contacts);
            rows.sort(Comparator.comparing((ContactStore.Row r) -> r.contact().source())
                    .thenComparing(r -> r.contact().externalId()));
            catalog.ensureProducts(rows.stream().map(r -> r.contact().product()).distinct().toList());
            Set<ContactStore.Key> inserted = store.insertNew(rows);
            Map<ContactStore.Key, ContactStore.Row> insertedRows = new HashMap<>();
            List<StoredContact> fresh = new ArrayList<>(inserted.size());
            List<List<String>> freshKeys = new ArrayList<>(inserted.size());
            for (ContactStore.Row row : rows) {
                if (inserted.contains(row.key())) {
                    insertedRows.put(row.key(), row);
                    fresh.add(row.contact());
                    freshKeys.add(row.symptoms().keys());
                }
            }
            if (!fresh.isEmpty()) {
                stored.fire(new ContactsStored(List.copyOf(fresh), List.copyOf(freshKeys)));
            }
            return insertedRows;
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not store contacts", e);
        }
    }

    /** Fills in missing versions from the install base: what the customer ran at receivedAt. */
    private List<ContactStore.Row> resolve(List<ContactIn> contacts) {
        List<Integer> lookups = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            if (contacts.get(i).version() == null && contacts.get(i).customerId() != null) {
                lookups.add(i);
            }
        }
        List<String> found = installBase.versionsAt(
                lookups.stream().map(i -> contacts.get(i).customerId()).toList(),
                lookups.stream().map(i -> contacts.get(i).product()).toList(),
                lookups.stream().map(i -> contacts.get(i).receivedAt()).toList());
        Map<Integer, String> resolved = new HashMap<>();
        for (int j = 0; j < lookups.size(); j++) {
            resolved.put(lookups.get(j), found.get(j));
        }
        List<ContactStore.Row> rows = new ArrayList<>(contacts.size());
        for (int i = 0; i < contacts.size(); i++) {
            ContactIn c = contacts.get(i);
            String version = c.version() != null ? c.version() : resolved.get(i);
            String origin = c.version() != null ? "GIVEN" : version != null ? "INSTALLATION" : "UNRESOLVED";
            StoredContact contact = new StoredContact(c.source(), c.externalId(), c.receivedAt(), c.channel(),
                    c.customerId(), c.product(), version, c.category(), c.subject(), c.body());
            // before the insert, so a duplicate's are extracted in vain: the insert needs them, and duplicates are few
            rows.add(new ContactStore.Row(contact, origin, symptoms.of(contact)));
        }
        return rows;
    }
}

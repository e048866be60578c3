package io.releaseradar.installbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.Rejection;
import io.releaseradar.platform.Transactions;
import io.releaseradar.releases.ReleaseCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The install base: customers, and which version each of them runs since when. */
@ApplicationScoped
public class InstallBaseService {

    private final CustomerStore customers;
    private final InstallationStore installations;
    private final ReleaseCatalog catalog;

    InstallBaseService(CustomerStore customers, InstallationStore installations, ReleaseCatalog catalog) {
        this.customers = customers;
        this.installations = installations;
        this.catalog = catalog;
    }

    /** Upserts the valid customers by id (the last of several items with one id wins); rejects the others. */
    public CustomerBatchResult upsertCustomers(List<JsonNode> items) {
        List<Rejection> rejected = new ArrayList<>();
        Map<String, CustomerIn> byId = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            InstallBaseParser.Parsed<CustomerIn> parsed = InstallBaseParser.customer(items.get(i));
            if (parsed.error() != null) {
                rejected.add(new Rejection(i, parsed.error()));
            } else {
                byId.put(parsed.value().id(), parsed.value());
            }
        }
        Set<String> erased = byId.isEmpty() ? Set.of() : Transactions.inNewTransaction(() -> {
            try {
                Set<String> gone = customers.erasedAmong(byId.keySet());
                customers.upsert(byId.values().stream().filter(c -> !gone.contains(c.id())).toList());
                return gone;
            } catch (SQLException e) {
                throw Transactions.unchecked("Could not store customers", e);
            }
        });
        if (!erased.isEmpty()) {
            // An erased customer's data is not taken again (the upsert skips the row in any case).
            Set<Integer> invalid = new java.util.HashSet<>();
            rejected.forEach(r -> invalid.add(r.index()));
            for (int i = 0; i < items.size(); i++) {
                String id = items.get(i).path("id").asText(null);
                if (erased.contains(id) && !invalid.contains(i)) {
                    rejected.add(new Rejection(i, "customer " + id + " was erased; its data is not stored again"));
                }
            }
            rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
        }
        return new CustomerBatchResult(items.size() - rejected.size(), rejected);
    }

    /**
     * Adds installations to the history. A row already stored is a duplicate; a row with the same customer, product
     * and instant but another version contradicts the history and is rejected.
     */
    public InstallationBatchResult addInstallations(List<JsonNode> items) {
        List<Rejection> rejected = new ArrayList<>();
        Map<InstallationStore.Key, InstallationIn> rows = new LinkedHashMap<>();
        Map<InstallationStore.Key, Integer> indexOf = new LinkedHashMap<>();
        int duplicates = 0;
        for (int i = 0; i < items.size(); i++) {
            InstallBaseParser.Parsed<InstallationIn> parsed = InstallBaseParser.installation(items.get(i));
            if (parsed.error() != null) {
                rejected.add(new Rejection(i, parsed.error()));
                continue;
            }
            InstallationIn row = parsed.value();
            var key = new InstallationStore.Key(row.customerId(), row.product(), row.installedAt());
            InstallationIn earlier = rows.putIfAbsent(key, row);
            if (earlier == null) {
                indexOf.put(key, i);
            } else if (earlier.version().equals(row.version())) {
                duplicates++;
            } else {
                rejected.add(new Rejection(i, conflict(row, earlier.version())));
            }
        }
        int accepted = 0;
        if (!rows.isEmpty()) {
            List<InstallationIn> batch = List.copyOf(rows.values());
            Outcome outcome = Transactions.inNewTransaction(() -> store(batch));
            accepted = outcome.inserted().size();
            for (InstallationIn row : batch) {
                var key = new InstallationStore.Key(row.customerId(), row.product(), row.installedAt());
                if (outcome.inserted().contains(key)) {
                    continue;
                }
                String stored = outcome.existing().get(key);
                if (row.version().equals(stored)) {
                    duplicates++;
                } else {
                    rejected.add(new Rejection(indexOf.get(key), conflict(row, stored)));
                }
            }
            rejected.sort(java.util.Comparator.comparingInt(Rejection::index));
        }
        return new InstallationBatchResult(accepted, duplicates, rejected);
    }

    private record Outcome(Set<InstallationStore.Key> inserted, Map<InstallationStore.Key, String> existing) {
    }

    private Outcome store(List<InstallationIn> batch) {
        try {
            catalog.ensureProducts(batch.stream().map(InstallationIn::product).distinct().toList());
            installations.lockHistories(batch);
            Set<InstallationStore.Key> inserted = installations.insertNew(batch);
            Map<InstallationStore.Key, String> existing = inserted.size() == batch.size() ? Map.of()
                    : installations.versionsOf(batch);
            if (!inserted.isEmpty()) {
                installations.relinkHistories(batch);
            }
            return new Outcome(inserted, existing);
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not store installations", e);
        }
    }

    /**
     * Erases the customer's personal data (name, e-mail, locale, unsubscribe instant): the row stays as a tombstone
     * that the feed cannot overwrite and that is never mailed. Installations stay, so exposure stays. Joins the
     * caller's transaction, or runs in its own.
     *
     * @return false when no such customer is known
     */
    @Transactional
    public boolean eraseCustomer(String customerId, Instant at) {
        try {
            return customers.erase(customerId, at);
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not erase a customer", e);
        }
    }

    /**
     * The version each customer ran at each instant (null: unknown), in the order asked. Joins the caller's
     * transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> versionsAt(List<String> customerIds, List<String> products, List<Instant> instants) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        try {
            return installations.versionsAt(customerIds, products, instants);
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not resolve versions", e);
        }
    }

    private static String conflict(InstallationIn row, String storedVersion) {
        return "customer " + row.customerId() + " already has an installation of " + row.product() + " at "
                + row.installedAt() + " with version " + storedVersion + "; send a different installedAt";
    }
}

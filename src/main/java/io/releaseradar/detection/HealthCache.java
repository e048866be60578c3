package io.releaseradar.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.releaseradar.detection.core.VersionHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The stored health of each product's versions, held in memory so that the health view answers without a database
 * read. An entry older than {@code radar.detection.health-cache-refresh} is read again in the background while the
 * old one is still served, so another replica's evaluation shows here within that time; an evaluation in this
 * replica drops its product's entry when its transaction ends, so the next read sees it at once. Each version's JSON
 * is written once per entry, since the health view sends the same bytes to every poller until the next evaluation.
 */
@ApplicationScoped
class HealthCache {

    /** One product's stored health by version, and each version's health as JSON. */
    private record Held(Map<String, VersionHealth> health, Map<String, byte[]> json) {
    }

    private final LoadingCache<String, Held> byProduct;
    private final TransactionSynchronizationRegistry transactions;
    private final HealthStore store;

    HealthCache(HealthStore store, DetectionConfig config, TransactionSynchronizationRegistry transactions,
            ManagedExecutor workers, ObjectMapper json) {
        this.transactions = transactions;
        this.store = store;
        this.byProduct = Caffeine.newBuilder()
                // background reads are blocking JDBC: on Quarkus's worker pool, not the common fork-join pool
                .executor(workers)
                .refreshAfterWrite(config.healthCacheRefresh())
                // a product nobody asks for leaves memory; one asked for again is read once, in the caller
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(10_000)
                .build(product -> held(store.latest(product), json));
    }

    private static Held held(Map<String, VersionHealth> health, ObjectMapper json) throws JsonProcessingException {
        Map<String, byte[]> bytes = new HashMap<>();
        for (Map.Entry<String, VersionHealth> e : health.entrySet()) {
            bytes.put(e.getKey(), json.writeValueAsBytes(e.getValue()));
        }
        return new Held(Map.copyOf(health), Map.copyOf(bytes));
    }

    /** Stores each version's health (see {@link HealthStore#save}); the product's entry is dropped when it commits. */
    void save(String product, List<VersionHealth> health) {
        store.save(health);
        invalidateAfterTransaction(product);
    }

    /** The stored health of every version of the product, by version (versions never evaluated are absent). */
    Map<String, VersionHealth> latest(String product) {
        return byProduct.get(product).health();
    }

    /**
     * The product's entry if memory holds it, else null; never reads the database in the caller, so it may be asked
     * on an I/O thread (an entry due for refresh is read again on a worker meanwhile, as with {@link #latest}).
     */
    Map<String, VersionHealth> held(String product) {
        Held held = byProduct.getIfPresent(product);
        return held == null ? null : held.health();
    }

    /**
     * The version's stored health as JSON if memory holds it, else null; never reads the database in the caller (as
     * {@link #held}). The array is shared: do not change it.
     */
    byte[] heldJson(String product, String version) {
        Held held = byProduct.getIfPresent(product);
        return held == null ? null : held.json().get(version);
    }

    /**
     * Drops the product's entry when the current transaction ends (committed or not: a read then goes to the
     * database), or at once outside a transaction. Dropping it before the commit would let a read cache the old row.
     */
    private void invalidateAfterTransaction(String product) {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            byProduct.invalidate(product);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                byProduct.invalidate(product);
            }
        });
    }
}

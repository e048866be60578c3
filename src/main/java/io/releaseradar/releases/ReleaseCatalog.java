package io.releaseradar.releases;

import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The release catalogue: which products exist and which versions they released when. */
@ApplicationScoped
public class ReleaseCatalog {

    private final ReleaseStore store;
    private final ReleaseRepository releases;

    ReleaseCatalog(ReleaseStore store, ReleaseRepository releases) {
        this.store = store;
        this.releases = releases;
    }

    /** The outcome of a PUT: the release and whether it was new. */
    public record Saved(ReleaseView release, boolean created) {
    }

    @Transactional
    public Saved save(String product, String version, Instant releasedAt, String previousVersion) {
        try {
            store.ensureProducts(List.of(product));
            boolean created = store.upsert(product, version, releasedAt, previousVersion);
            return new Saved(new ReleaseView(product, version, releasedAt, previousVersion, null), created);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store release", e);
        }
    }

    /** Releases of a product, newest first; 404 when the product is unknown. */
    @Transactional
    public List<ReleaseView> list(String product) {
        try {
            if (!store.productExists(product)) {
                throw ProblemException.notFound("No product '" + product + "' is known.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read products", e);
        }
        return releases.listNewestFirst(product).stream()
                .map(r -> new ReleaseView(r.product, r.version, r.releasedAt, r.previousVersion, null))
                .toList();
    }

    /** Releases of the product with releasedAt at or before {@code asOf} (event time), oldest first. */
    @Transactional
    public List<ReleaseView> releasedBy(String product, Instant asOf) {
        // plain JDBC: every evaluation asks, and an ORM query in its transaction cost a tenth of its CPU
        try {
            return store.releasedBy(product, asOf);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read releases", e);
        }
    }

    /** Every known product key, sorted. */
    @Transactional
    public List<String> products() {
        try {
            return store.products();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read products", e);
        }
    }

    /**
     * Registers products first seen in contacts or installations. Joins the caller's transaction, so that it
     * commits or rolls back with the data that names them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ensureProducts(Collection<String> products) throws SQLException {
        if (!products.isEmpty()) {
            store.ensureProducts(products);
        }
    }
}

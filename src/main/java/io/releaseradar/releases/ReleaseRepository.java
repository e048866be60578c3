package io.releaseradar.releases;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of the release catalogue; writes go through {@link ReleaseStore} (upserts). */
@ApplicationScoped
class ReleaseRepository implements PanacheRepositoryBase<Release, Release.Key> {

    List<Release> listNewestFirst(String product) {
        return list("product", Sort.descending("releasedAt").and("version", Sort.Direction.Descending), product);
    }
}

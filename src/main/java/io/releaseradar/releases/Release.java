package io.releaseradar.releases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A released version of a product. Stays inside this package; callers get {@link ReleaseView}. */
@Entity
@Table(name = "release")
@IdClass(Release.Key.class)
class Release {

    @Id
    @Column(columnDefinition = "text")
    String product;

    @Id
    @Column(columnDefinition = "text")
    String version;

    @Column(name = "released_at", nullable = false)
    Instant releasedAt;

    @Column(name = "previous_version", columnDefinition = "text")
    String previousVersion;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    /** Composite key (product, version). */
    static class Key implements Serializable {
        String product;
        String version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(product, k.product) && Objects.equals(version, k.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(product, version);
        }
    }
}

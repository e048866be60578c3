package io.releaseradar.ingest;

/** How a contact reached the service; a metric tag. */
public enum Ingress {
    REST, KAFKA;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.releaseradar.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who contacted support about a symptom, and when: for notices, which suppress customers already in touch and count
 * the contacts a notice avoided. Symptoms match as in {@link ContactSamples}.
 */
@ApplicationScoped
public class ContactHistory {

    private final AgroalDataSource dataSource;

    ContactHistory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Customers (by id; anonymous contacts left out) with at least one contact of the product's {@code version} (null:
     * any version) about {@code symptom} ({@code ""} or null: any contact) received in [from, to), each with the first
     * such instant.
     *
     * @param categoryAliases helpdesk category renames, old name → new name, as detection applies them
     */
    public Map<String, Instant> firstReports(String product, String version, String symptom,
            Map<String, String> categoryAliases, Instant from, Instant to) {
        ContactSamples.Filter filter = ContactSamples.Filter.of(symptom, categoryAliases);
        Map<String, Instant> first = new TreeMap<>();
        if (filter == null || !from.isBefore(to)) {
            return first;
        }
        // Newest first: the last instant put per customer is their first.
        ContactSamples.scan(dataSource, filter, product, version, from, to, 0, c -> {
            if (c.sample().customerId() != null) {
                first.put(c.sample().customerId(), c.sample().receivedAt());
            }
        });
        return first;
    }
}

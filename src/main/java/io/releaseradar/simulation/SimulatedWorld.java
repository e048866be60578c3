package io.releaseradar.simulation;

import io.releaseradar.detection.core.ReleaseInfo;
import java.time.Instant;
import java.util.List;

/**
 * One simulated product history with its ground truth: what the service would receive (releases, customers,
 * installations, contacts) and what really happened (incidents, and the cause of every contact).
 *
 * @param spec the scenario it was built from
 * @param seed the seed it was built with
 * @param releases the catalogue, oldest release first (releases before the scenario start included)
 * @param customers every customer, with the ones a campaign brought in
 * @param installations the installation history, by customer then time
 * @param contacts support contacts, by {@code receivedAt}
 * @param incidents the injected incidents
 */
public record SimulatedWorld(ScenarioSpec spec, long seed, List<ReleaseInfo> releases, List<Customer> customers,
        List<Installation> installations, List<Contact> contacts, List<Incident> incidents) {

    public SimulatedWorld {
        releases = List.copyOf(releases);
        customers = List.copyOf(customers);
        installations = List.copyOf(installations);
        contacts = List.copyOf(contacts);
        incidents = List.copyOf(incidents);
    }

    public String product() {
        return spec.product();
    }

    public Instant start() {
        return spec.start();
    }

    public Instant evaluationStart() {
        return spec.evaluationStart();
    }

    public Instant end() {
        return spec.end();
    }

    /** A customer as the install-base feed sends it. */
    public record Customer(String id, String name, String email, String locale, Instant joinedAt) {
    }

    /** From {@code installedAt} on, the customer runs {@code version}; it ends when their next installation begins. */
    public record Installation(String customerId, String product, String version, Instant installedAt) {
    }

    /** Why a contact was made (ground truth; the service never sees it). UPGRADE: a fresh upgrade, nothing wrong. */
    public enum Cause {
        EVERYDAY, INCIDENT, OUTAGE, CAMPAIGN, ONBOARDING, UPGRADE
    }

    /**
     * A support contact as a helpdesk sends it, plus the truth behind it.
     *
     * @param version as sent: null when the customer did not say (the service resolves it from the install base)
     * @param category as sent: null when the agent filed none
     * @param actualVersion the version the customer really ran (ground truth)
     * @param cause why it was made
     * @param incident index into {@link SimulatedWorld#incidents()} when the cause is an incident, else -1
     * @param actualCustomerId the customer who really made it (ground truth), also when {@code customerId} was not
     *     sent: a notice reaches an anonymous caller as the customer they are
     */
    public record Contact(String source, String externalId, Instant receivedAt, String channel, String customerId,
            String product, String version, String category, String subject, String body, String actualVersion,
            Cause cause, int incident, String actualCustomerId) {

        /** A hand-made contact whose sender is who it says (null: nobody known). */
        public Contact(String source, String externalId, Instant receivedAt, String channel, String customerId,
                String product, String version, String category, String subject, String body, String actualVersion,
                Cause cause, int incident) {
            this(source, externalId, receivedAt, channel, customerId, product, version, category, subject, body,
                    actualVersion, cause, incident, customerId);
        }
    }

    /**
     * An injected incident as it played out.
     *
     * @param version the bad version
     * @param category the helpdesk category of its contacts (as filed before any rename)
     * @param phrase what customers say about it
     * @param onset when it started
     * @param ratio the category's rate on the version over baseline at full strength
     * @param kind sudden or gradual
     * @param affected customers who contacted support about it, with their first such contact, earliest first
     */
    public record Incident(String version, String category, String phrase, Instant onset, double ratio,
            ScenarioSpec.Onset kind, List<AffectedCustomer> affected) {

        public Incident {
            affected = List.copyOf(affected);
        }

        /**
         * Whether a finding's symptom names this incident: its category, or a key phrase of its phrase (as the
         * service extracts phrases). Null (all contacts) names no symptom.
         */
        public boolean isAbout(String symptom) {
            return symptom != null && !symptom.isEmpty() && SymptomKeys.of(category, phrase, null).contains(symptom);
        }
    }

    /** A customer (or an anonymous caller's contact key) hit by an incident, and their first contact about it. */
    public record AffectedCustomer(String customerKey, Instant firstContactAt) {
    }
}

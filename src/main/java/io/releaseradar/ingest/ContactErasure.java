package io.releaseradar.ingest;

import io.releaseradar.platform.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;

/**
 * Erases what a customer wrote to support: the subject and body of each of their contacts, and the hashes of the
 * symptom keys (phrases) derived from them, short enough to guess from a hash. The contact rows stay
 * (source, externalId, receivedAt, channel, product, version, category and the pseudonymous customer id), so a re-sent
 * contact is still a duplicate and everything counted from contacts stays as it was. Detection's count of the current
 * hour then finds no phrase of these contacts in the week before it, so within a week of the erasure it may count the
 * customer under a phrase they were already counted under.
 */
@ApplicationScoped
public class ContactErasure {

    /** A contact's idempotency key, for features that quote contacts (alert samples). */
    public record ContactKey(String source, String externalId) {
    }

    private final ContactStore store;

    ContactErasure(ContactStore store) {
        this.store = store;
    }

    /** Clears the texts of the customer's contacts; joins the caller's transaction. @return their keys */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ContactKey> eraseTextsOf(String customerId) {
        try {
            return store.eraseTextsOf(customerId).stream()
                    .map(k -> new ContactKey(k.source(), k.externalId())).toList();
        } catch (SQLException e) {
            throw Transactions.unchecked("Could not erase contact texts", e);
        }
    }
}

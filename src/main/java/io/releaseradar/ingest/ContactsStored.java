package io.releaseradar.ingest;

import java.util.List;

/**
 * Fired synchronously inside the transaction that stored new contacts (never for duplicates), so that observers
 * such as detection's rollups commit or roll back together with the contacts. {@code symptomKeys} holds, position by
 * position, each contact's keys as {@link ContactSymptoms} gave them (and as their hashes were stored); empty when the
 * firer did not ask for them, and observers then derive them from the contacts.
 */
public record ContactsStored(List<StoredContact> contacts, List<List<String>> symptomKeys) {

    public ContactsStored {
        if (!symptomKeys.isEmpty() && symptomKeys.size() != contacts.size()) {
            throw new IllegalArgumentException("symptom keys for " + symptomKeys.size() + " of " + contacts.size()
                    + " contacts");
        }
    }

    /** Contacts without their keys. */
    public ContactsStored(List<StoredContact> contacts) {
        this(contacts, List.of());
    }
}

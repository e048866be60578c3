package io.releaseradar.ingest;

import java.util.List;

/**
 * What a contact is counted under: its symptom keys and their 64-bit hashes. Detection implements it (the keys are
 * its rules); ingest asks it once per contact before storing, stores the hashes with the contact (column
 * {@code symptom_hashes}) and hands the keys on in {@link ContactsStored}, so the rollups count exactly the keys
 * stored and no contact's phrases are extracted twice. Ingest depends only on this interface, not on detection.
 */
public interface ContactSymptoms {

    /** A contact's symptom keys and, position by position, their hashes. */
    record Keys(List<String> keys, long[] hashes) {
    }

    /** The keys of a contact (its version plays no part). */
    Keys of(StoredContact contact);
}

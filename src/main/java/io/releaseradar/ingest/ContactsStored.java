package io.releaseradar.ingest;

import java.util.List;

/**
 * Fired synchronously inside the transaction that stored new contacts (never for duplicates), so that observers
 * such as detection's rollups commit or roll back together with the contacts.
 */
public record ContactsStored(List<StoredContact> contacts) {
}

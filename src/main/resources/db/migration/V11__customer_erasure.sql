-- Customer erasure (DELETE /api/v1/customers/{id}). The customer row (owner: installbase) stays as a tombstone
-- without personal data: erased_at set, name, e-mail, locale and the unsubscribe instant cleared, opted out. Kept
-- rather than deleted so that the install-base feed cannot bring the data back (the upsert skips erased rows) and
-- no notice is ever mailed to the customer again. The id stays: installations and contacts keep it as a pseudonymous
-- key, so exposure, rollups and detection history stay exactly what they were.
ALTER TABLE customer ADD COLUMN erased_at timestamptz;
ALTER TABLE customer ALTER COLUMN email DROP NOT NULL;

-- Contact text retention (owner: ingest): after radar.ingest.retention.contact-text a contact's subject and body
-- become null, the rest of the row and detection's rollups stay. The purge takes the oldest contacts that still have
-- text, in small batches; this index holds exactly those, so a batch reads only rows it will purge (purged rows
-- leave it), however many were purged before.
CREATE INDEX contact_with_text_by_received ON contact (received_at) WHERE subject IS NOT NULL OR body IS NOT NULL;

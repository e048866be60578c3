-- Ingest cost (see the README's benchmark): every contact paid for four btree indexes and about two wide
-- (product, version, symptom, hour, customer) keys. Leaner:
-- 1. The idempotency key (source, external_id) becomes the primary key; the surrogate id had no reader.
ALTER TABLE contact DROP CONSTRAINT contact_pkey;
ALTER TABLE contact DROP COLUMN id;
ALTER TABLE contact DROP CONSTRAINT contact_once;
ALTER TABLE contact ADD CONSTRAINT contact_pkey PRIMARY KEY (source, external_id);
-- 2. No query reads contacts by customer yet; the notices feature adds the index with the query that needs it.
DROP INDEX contact_by_customer;
-- 3. Which customers a rollup cell has counted, as two 64-bit hashes instead of five text columns
--    (cell = hash of product, version, symptom, hour; customer = hash of the customer key; see RollupWriter).
DROP TABLE hourly_rollup_customer;
CREATE TABLE hourly_rollup_customer (
    cell     bigint NOT NULL,
    customer bigint NOT NULL,
    PRIMARY KEY (cell, customer)
);

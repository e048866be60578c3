-- Detection counts the current, unfinished hour from its contacts and their customers' week before. It extracted
-- every one of those contacts' phrases again at each evaluation, most of an evaluation's cost at 1 M contacts (issue
-- 21, a JFR profile). Ingest now stores, with each contact, the hashes of the symptom keys its rollups counted it
-- under (all contacts, its category, its key phrases; 64-bit, as rollup_customer_weeks keeps them), in the same
-- transaction, so those reads need no text and no extraction.
-- Nullable and without a default, so adding it rewrites no row of this big table. Rows stored before it stay NULL,
-- and for them detection extracts the keys from subject and body as before. Erasing a customer's texts clears it
-- too: the hashes are derived from their words (a phrase is short enough to guess from its hash).
ALTER TABLE contact ADD COLUMN symptom_hashes bigint[];

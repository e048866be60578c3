-- Ingest cost (docs/measured.md): hourly_rollup_customer holds one row per contact and rollup cell, about 14 a
-- contact (all contacts, the category, the key phrases), and PostgreSQL's upkeep of its index was most of an ingest.
-- The rollups' distinct-customer counts are kept here instead: one row per (product, version, hour) slot and customer,
-- holding the hashes of the symptoms that customer is already counted under in that slot (see RollupWriter).
CREATE TABLE rollup_customer_symptoms (
    slot     bigint   NOT NULL, -- hash of product, version, hour
    customer bigint   NOT NULL, -- hash of the customer key
    symptoms bigint[] NOT NULL, -- hashes of the symptoms counted, ascending
    PRIMARY KEY (slot, customer)
);

-- The old rows cannot be carried over: a cell hash cannot be split back into its slot and symptom. So hours that may
-- already have rows in hourly_rollup_customer stay with that table (late contacts for them are still counted right),
-- and the new table takes every hour from the cut-over on. The cut-over lies past every hour rolled up so far and a
-- day past now, so that replicas of the old version still running during a rolling update (which must end within that
-- day) write the same hours to the same table as the new ones. A database without such rows (a new installation)
-- has no cut-over. Going back to a version before V13 would count customers of the hours from the cut-over on again.
CREATE TABLE rollup_customer_cutover (
    only_row    boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    before_hour timestamptz NOT NULL
);
INSERT INTO rollup_customer_cutover (before_hour)
SELECT greatest(date_trunc('hour', now()) + interval '1 day',
                (SELECT max(hour) + interval '1 hour' FROM hourly_rollup))
 WHERE EXISTS (SELECT 1 FROM hourly_rollup_customer);

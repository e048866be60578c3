-- Follow-ups are not new evidence (issue 21): a customer who writes again about the same symptom counted again in
-- every hour they wrote, so one chatty customer could look like several. From the cut-over below, a rollup cell
-- counts a customer in the hour of their first contact under its (product, version, symptom), and again only once a
-- full week has passed since they were last counted there: any window of up to a week (the longest detection window)
-- counts each customer at most once. All contacts also counts a customer in an hour where one of the version's
-- symptoms counted them, so no symptom ever counts more customers than all contacts. One row per (product, version)
-- and customer (see CustomerWeeks).
CREATE TABLE rollup_customer_weeks (
    slot      bigint   NOT NULL, -- hash of product, version
    customer  bigint   NOT NULL, -- hash of the customer key
    symptoms  bigint[] NOT NULL, -- hashes of the symptoms the customer was counted under (not all contacts), ascending
    counted   int[]    NOT NULL, -- for each of them, the hour it was last counted (hours since 1970-01-01)
    all_hours int[]    NOT NULL, -- the hours all contacts counted the customer, of the last two weeks, ascending
    PRIMARY KEY (slot, customer)
);

-- Hours before the cut-over keep the per-hour counting they were written with (late contacts for them too). As in
-- V13 the cut-over lies past every hour rolled up so far and a day past now, so that replicas of the old version still
-- running during a rolling update write no hour the new ones count weekly. A new installation has no cut-over.
CREATE TABLE rollup_weekly_cutover (
    only_row  boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    from_hour timestamptz NOT NULL
);
INSERT INTO rollup_weekly_cutover (from_hour)
SELECT greatest(date_trunc('hour', now()) + interval '1 day',
                (SELECT max(hour) + interval '1 hour' FROM hourly_rollup))
 WHERE EXISTS (SELECT 1 FROM hourly_rollup);

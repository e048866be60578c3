-- Detection's per-product evaluation runs (owner: detection). Replicas share the products of a scheduled turn: each
-- product is evaluated in its own transaction under its own advisory lock, and a row here says "evaluated as of
-- as_of by instance, from started_at to finished_at" (database clock, operational only; the decision uses as_of).
-- A scheduled turn skips a product that already has a run in the current interval, so N replicas do not evaluate a
-- product N times. Each run deletes the product's runs more than an hour (by as_of) older than itself.
CREATE TABLE detection_run (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product     text        NOT NULL,
    as_of       timestamptz NOT NULL,
    instance    text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL
);
CREATE INDEX detection_run_by_product ON detection_run (product, as_of);

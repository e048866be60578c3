-- Alerts (owner: alerts) and the health each evaluation computed (owner: detection).

-- One row per alert. version_key is the version, or '' for a product-wide alert (version null in the API), so
-- that "one active alert per (product, version)" is a plain unique index.
CREATE TABLE alert (
    id              uuid             PRIMARY KEY,
    product         text             NOT NULL,
    version         text,
    version_key     text             NOT NULL,
    severity        text             NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status          text             NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED')),
    opened_at       timestamptz      NOT NULL,
    updated_at      timestamptz      NOT NULL,
    summary         text             NOT NULL,
    -- the strongest evidence so far: a later finding updates the alert only when it is stronger
    score           double precision NOT NULL,
    symptom         text,
    signals         jsonb            NOT NULL,
    sample_contacts jsonb            NOT NULL,
    -- opened again after an earlier alert of the same version was resolved
    regressed       boolean          NOT NULL DEFAULT false,
    reason          text,
    closed_at       timestamptz
);
CREATE UNIQUE INDEX alert_one_active ON alert (product, version_key) WHERE status IN ('OPEN', 'ACKNOWLEDGED');
-- Listing newest first, by product (and version).
CREATE INDEX alert_by_product ON alert (product, version_key, opened_at DESC);
CREATE INDEX alert_by_opened ON alert (opened_at DESC);

-- The latest health per version, written by each evaluation, so the health view is one indexed read.
CREATE TABLE release_health (
    product    text        NOT NULL,
    version    text        NOT NULL,
    as_of      timestamptz NOT NULL,
    health     jsonb       NOT NULL,
    PRIMARY KEY (product, version)
);

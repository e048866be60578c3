-- Customer notices (owner: notices): the vendor's warning e-mails, their deliveries (the outbox), the audit trail and
-- each product's auto-notice policy. Plus two columns other features own: the customer's own unsubscribe
-- (installbase) and the notice an alert created by policy (alerts).

CREATE TABLE notice (
    id                uuid        PRIMARY KEY,
    product           text        NOT NULL,
    version           text        NOT NULL,
    alert_id          uuid,
    audience          text        NOT NULL CHECK (audience IN ('INSTALLED', 'NOT_YET_UPGRADED', 'ALL')),
    subject           text        NOT NULL,
    body              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('DRAFT', 'SENDING', 'SENT', 'CANCELLED')),
    -- recipients that will be mailed (suppressed ones not counted): computed at creation, fixed at approval
    audience_size     integer     NOT NULL,
    -- the event-time instant the audience is taken at: creation for a draft, approval once approved
    audience_as_of    timestamptz NOT NULL,
    -- copied from the alert: its symptom (customers who reported it are suppressed) and whether it was CRITICAL
    -- (the per-customer frequency cap does not hold a critical warning back)
    symptom           text,
    critical          boolean     NOT NULL,
    -- created and approved by the product's notice policy
    auto              boolean     NOT NULL,
    created_at        timestamptz NOT NULL,
    approved_at       timestamptz,
    finished_at       timestamptz
);
CREATE INDEX notice_by_product ON notice (product, version, created_at DESC);
CREATE INDEX notice_by_created ON notice (created_at DESC);
-- The policy sends one notice per alert, however often the alert changes or evaluations repeat.
CREATE UNIQUE INDEX notice_one_auto_per_alert ON notice (alert_id) WHERE auto;

-- Who did what to a notice, and when.
CREATE TABLE notice_audit (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notice_id uuid        NOT NULL REFERENCES notice (id),
    action    text        NOT NULL CHECK (action IN ('CREATED', 'APPROVED', 'CANCELLED', 'SENT')),
    actor     text        NOT NULL,
    at        timestamptz NOT NULL
);
CREATE INDEX notice_audit_by_notice ON notice_audit (notice_id, id);

-- The outbox: one row per (notice, customer), written at approval; the primary key is what makes "at most once per
-- customer" hold whatever retries, replicas and repeated approvals do. A worker leases due PENDING rows with
-- FOR UPDATE SKIP LOCKED, marks one SENDING (committed) right before handing it to SMTP and SENT right after.
-- A SENDING row whose lease ran out belongs to a worker that died mid-send: it is failed, never sent again.
CREATE TABLE notice_delivery (
    notice_id       uuid        NOT NULL REFERENCES notice (id),
    customer_id     text        NOT NULL,
    -- INSTALLED: runs the notice's version; NOT_YET_UPGRADED: runs an earlier one
    audience_group  text        NOT NULL CHECK (audience_group IN ('INSTALLED', 'NOT_YET_UPGRADED')),
    running_version text        NOT NULL,
    state           text        NOT NULL
        CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'CANCELLED')),
    -- SUPPRESSED: OPTED_OUT, NO_EMAIL, IN_TOUCH, FREQUENCY_CAP; FAILED: the last error
    reason          text,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner     text,
    lease_until     timestamptz,
    sent_at         timestamptz,
    PRIMARY KEY (notice_id, customer_id)
);
-- The worker's claim: due pending rows. Other states drop out of the index.
CREATE INDEX notice_delivery_due ON notice_delivery (next_attempt_at) WHERE state = 'PENDING';
-- Rows whose worker died mid-send.
CREATE INDEX notice_delivery_in_flight ON notice_delivery (lease_until) WHERE state = 'SENDING';
-- The frequency cap: a customer's recent notices.
CREATE INDEX notice_delivery_by_customer ON notice_delivery (customer_id) WHERE state IN ('PENDING', 'SENDING', 'SENT');

-- Per product: does an alert reaching min_severity send a notice by itself, to whom, with which text.
CREATE TABLE notice_policy (
    product      text        PRIMARY KEY,
    auto_send    boolean     NOT NULL,
    min_severity text        NOT NULL CHECK (min_severity IN ('HIGH', 'CRITICAL')),
    audience     text        NOT NULL CHECK (audience IN ('INSTALLED', 'NOT_YET_UPGRADED', 'ALL')),
    subject      text        NOT NULL,
    body         text        NOT NULL,
    updated_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- installbase: the customer's own unsubscribe. Kept apart from opted_out, which the install-base feed sets, so that
-- a later feed saying optedOut=false cannot undo what the customer asked for.
ALTER TABLE customer ADD COLUMN unsubscribed_at timestamptz;

-- alerts: the notice the product's policy created for the alert.
ALTER TABLE alert ADD COLUMN auto_notice_id uuid;


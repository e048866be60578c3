-- Alert notifications (owner: alerts.notify): subscriptions, and the outbox their deliveries and the Kafka feed
-- go through.

-- Who hears of which alerts. product null: every product.
CREATE TABLE alert_subscription (
    id             text        PRIMARY KEY,
    product        text,
    min_severity   text        NOT NULL CHECK (min_severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    email          text,
    webhook_url    text,
    -- HMAC key for X-Radar-Signature; never returned by the API
    webhook_secret text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (email IS NOT NULL OR webhook_url IS NOT NULL),
    CHECK (webhook_secret IS NULL OR webhook_url IS NOT NULL)
);
-- Matching an alert: the product's subscriptions and the every-product ones.
CREATE INDEX alert_subscription_by_product ON alert_subscription (product);

-- One row per message to send: an e-mail or webhook call to one subscription, or one record of the Kafka feed.
-- Written in the transaction that changed the alert; sent by a worker that claims due rows with
-- FOR UPDATE SKIP LOCKED. No foreign key to alert: payload is the Alert JSON as of the change, and the row outlives
-- whatever happens to the alert.
CREATE TABLE alert_outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- sent along (header X-Radar-Delivery, Kafka header delivery-id) so receivers can drop a repeat
    delivery_id     uuid        NOT NULL UNIQUE,
    channel         text        NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK', 'KAFKA')),
    alert_id        uuid        NOT NULL,
    product         text        NOT NULL,
    -- the alert's severity the message announces
    severity        text        NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    -- AlertChanged.Change: OPENED, UPDATED, ...
    change          text        NOT NULL,
    -- EMAIL and WEBHOOK: the subscription; null for KAFKA. Read at send time, so the address and secret are
    -- the current ones and a deleted subscription is sent nothing.
    subscription_id text,
    -- KAFKA: the change and a SHA-256 of the Alert JSON, which tell one alert change from another
    change_key      text,
    -- the Alert JSON exactly as published and signed
    payload         text        NOT NULL,
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    CHECK ((channel = 'KAFKA') = (subscription_id IS NULL)),
    CHECK ((channel = 'KAFKA') = (change_key IS NOT NULL))
);
-- Never twice: one delivery per (alert, subscription, channel, severity), so a subscriber hears of an alert again
-- only at a severity it was not yet told of; one Kafka record per alert change. Writers insert with
-- ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX alert_outbox_one_delivery ON alert_outbox (alert_id, subscription_id, channel, severity)
    WHERE channel <> 'KAFKA';
CREATE UNIQUE INDEX alert_outbox_one_record ON alert_outbox (alert_id, change_key) WHERE channel = 'KAFKA';
-- The worker's claim: due pending rows, oldest first. Sent and failed rows drop out of the index.
CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at, id) WHERE state = 'PENDING';
-- Deleting a subscription fails its pending deliveries.
CREATE INDEX alert_outbox_pending_by_subscription ON alert_outbox (subscription_id) WHERE state = 'PENDING';

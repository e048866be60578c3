-- Rollout hold (owner: alerts.notify, and alerts for the new alert column): a CRITICAL alert about one version asks
-- the release tooling (radar.alerts.rollout-hold.url) to pause that version's rollout, through the alert outbox.

-- A new outbox channel: ROLLOUT_HOLD rows have no subscription (the URL and secret are read from the configuration
-- at send time) and the fixed change_key 'rollout-hold', so the one-record-per-(alert, change_key) index below
-- allows one hold request per alert, ever.
-- V4 left its CHECK constraints unnamed; PostgreSQL named them alert_outbox_channel_check, alert_outbox_check and
-- alert_outbox_check1. Found here by the column they test rather than by those generated names.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT con.conname
          FROM pg_constraint con
          JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
         WHERE con.conrelid = 'alert_outbox'::regclass AND con.contype = 'c' AND att.attname = 'channel'
    LOOP
        EXECUTE format('ALTER TABLE alert_outbox DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$;

ALTER TABLE alert_outbox
    ADD CONSTRAINT alert_outbox_channel_check
        CHECK (channel IN ('EMAIL', 'WEBHOOK', 'KAFKA', 'ROLLOUT_HOLD')),
    -- EMAIL and WEBHOOK go to a subscription; KAFKA and ROLLOUT_HOLD to what the configuration names.
    ADD CONSTRAINT alert_outbox_subscription_check
        CHECK ((channel IN ('EMAIL', 'WEBHOOK')) = (subscription_id IS NOT NULL)),
    ADD CONSTRAINT alert_outbox_change_key_check
        CHECK ((channel IN ('KAFKA', 'ROLLOUT_HOLD')) = (change_key IS NOT NULL)),
    ADD CONSTRAINT alert_outbox_rollout_hold_key_check
        CHECK (channel <> 'ROLLOUT_HOLD' OR change_key = 'rollout-hold');

-- One Kafka record per alert change, and now one hold request per alert. (alert_outbox_one_delivery, WHERE channel
-- <> 'KAFKA', also covers ROLLOUT_HOLD rows, but their null subscription_id never conflicts there.)
DROP INDEX alert_outbox_one_record;
CREATE UNIQUE INDEX alert_outbox_one_record ON alert_outbox (alert_id, change_key)
    WHERE channel IN ('KAFKA', 'ROLLOUT_HOLD');

-- When a pause of the alert's version's rollout was queued; null: never requested.
ALTER TABLE alert ADD COLUMN rollout_hold_requested_at timestamptz;

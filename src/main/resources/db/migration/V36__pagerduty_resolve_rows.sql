-- Resolving PagerDuty incidents (owner: alerts.notify).

-- A PagerDuty subscriber is also told when an alert it was paged for is resolved or dismissed: one more WEBHOOK row
-- per (alert, subscription), with change RESOLVED or DISMISSED, at the alert's unchanged severity. The one-delivery
-- index (V4) would take it for a repeat of the trigger, so it now covers the open/rise rows only, and the closing
-- row has an index of its own.
DROP INDEX alert_outbox_one_delivery;
CREATE UNIQUE INDEX alert_outbox_one_delivery ON alert_outbox (alert_id, subscription_id, channel, severity)
    WHERE channel <> 'KAFKA' AND change NOT IN ('RESOLVED', 'DISMISSED');
CREATE UNIQUE INDEX alert_outbox_one_closing ON alert_outbox (alert_id, subscription_id)
    WHERE channel = 'WEBHOOK' AND change IN ('RESOLVED', 'DISMISSED');

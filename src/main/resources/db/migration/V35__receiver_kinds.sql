-- Receiver kinds (owner: alerts.notify): a subscription's webhook_url may be a Slack incoming webhook, a Teams
-- workflow webhook or PagerDuty's Events API; the body of each call is built for that kind when it is sent.

ALTER TABLE alert_subscription
    ADD COLUMN kind text NOT NULL DEFAULT 'webhook'
        CONSTRAINT alert_subscription_kind_check CHECK (kind IN ('webhook', 'slack', 'teams', 'pagerduty')),
    -- PagerDuty's integration key (routing_key): a secret like webhook_secret, never returned by the API
    ADD COLUMN routing_key text,
    ADD CONSTRAINT alert_subscription_routing_key_check CHECK ((kind = 'pagerduty') = (routing_key IS NOT NULL)),
    -- Only a generic webhook subscription may be e-mail only: the other kinds name where they listen.
    ADD CONSTRAINT alert_subscription_receiver_url_check CHECK (kind = 'webhook' OR webhook_url IS NOT NULL);

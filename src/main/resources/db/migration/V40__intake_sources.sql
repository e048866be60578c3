-- Helpdesk intake (owner: intake): one row per helpdesk source that may POST its own JSON to /intake/{source}.
CREATE TABLE intake_source (
    -- the path segment, and the contacts' "source"
    source     text        PRIMARY KEY,
    format     text        NOT NULL CHECK (format IN ('zendesk', 'mapping')),
    -- HMAC key of the helpdesk's signature; never returned by the API
    secret     text        NOT NULL,
    -- the product of every contact when the payload names none
    product    text,
    -- contact field -> RFC 6901 JSON Pointer into the helpdesk's JSON
    mapping    jsonb,
    -- the helpdesk's channel value -> phone, email, chat, web, social or other
    channels   jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

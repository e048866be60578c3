-- Foundation schema: catalogue, install base, contacts and the hourly rollups detection reads.
-- Owners (one writer per table): product, release -> releases; customer, installation -> installbase;
-- contact -> ingest; hourly_rollup, hourly_rollup_customer -> detection.

CREATE TABLE product (
    key        text        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE release (
    product          text        NOT NULL REFERENCES product (key),
    version          text        NOT NULL,
    released_at      timestamptz NOT NULL,
    previous_version text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product, version)
);

CREATE TABLE customer (
    id         text        PRIMARY KEY,
    name       text,
    email      text        NOT NULL,
    locale     text,
    opted_out  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Installation history: a customer runs `version` of `product` from installed_at until ended_at, which is the
-- installed_at of the same customer's next installation of that product (null: still running).
CREATE TABLE installation (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  text        NOT NULL,
    product      text        NOT NULL,
    version      text        NOT NULL,
    installed_at timestamptz NOT NULL,
    ended_at     timestamptz,
    CONSTRAINT installation_once UNIQUE (customer_id, product, installed_at),
    CONSTRAINT installation_ends_after_start CHECK (ended_at IS NULL OR ended_at > installed_at)
);
-- "Who runs version V of P at instant T" (exposure, audiences): a range scan on (product, version, installed_at)
-- filtered by ended_at, without visiting the heap.
CREATE INDEX installation_by_version ON installation (product, version, installed_at) INCLUDE (ended_at, customer_id);
-- Version resolution for a contact ("what did customer C run at T") uses the unique index installation_once.

CREATE TABLE contact (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text        NOT NULL,
    external_id    text        NOT NULL,
    received_at    timestamptz NOT NULL,
    channel        text        NOT NULL CHECK (channel IN ('phone', 'email', 'chat', 'web', 'social', 'other')),
    customer_id    text,
    product        text        NOT NULL,
    -- given by the sender, or resolved from the installation history at received_at; null when neither
    version        text,
    version_origin text        NOT NULL CHECK (version_origin IN ('GIVEN', 'INSTALLATION', 'UNRESOLVED')),
    category       text,
    subject        text,
    body           text,
    ingested_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT contact_once UNIQUE (source, external_id)
);
-- Sample contacts of a version in a window (alerts), newest first.
CREATE INDEX contact_by_version ON contact (product, version, received_at);
-- "Did this customer already contact support about P since T" (notice suppression, contacts avoided).
CREATE INDEX contact_by_customer ON contact (customer_id, product, received_at) WHERE customer_id IS NOT NULL;

-- Hourly rollups, maintained in the transaction that stores the contacts. version '' = not resolved;
-- symptom '' = all contacts, 'category:<name>' = the helpdesk category.
CREATE TABLE hourly_rollup (
    product   text        NOT NULL,
    version   text        NOT NULL,
    symptom   text        NOT NULL,
    hour      timestamptz NOT NULL,
    contacts  integer     NOT NULL,
    customers integer     NOT NULL,
    PRIMARY KEY (product, version, symptom, hour)
);
-- Detection reads all symptoms of a product over a window.
CREATE INDEX hourly_rollup_by_hour ON hourly_rollup (product, hour);

-- Which customers are already counted in a rollup cell, so that `customers` counts each one once.
-- customer_key is the customer id, or 'contact:<source>:<externalId>' for anonymous contacts.
CREATE TABLE hourly_rollup_customer (
    product      text        NOT NULL,
    version      text        NOT NULL,
    symptom      text        NOT NULL,
    hour         timestamptz NOT NULL,
    customer_key text        NOT NULL,
    PRIMARY KEY (product, version, symptom, hour, customer_key)
);

-- What this service knows of the catalog's events, plus the place counters of each event.
-- The counters live on the event row so that taking a place is one UPDATE of one row.
CREATE TABLE events (
    id                       uuid PRIMARY KEY,
    organisation             varchar(64)  NOT NULL,
    status                   varchar(16)  NOT NULL,
    capacity                 integer,               -- null: unlimited
    requires_approval        boolean      NOT NULL,
    waitlist_enabled         boolean      NOT NULL,
    opens_at                 timestamptz,
    closes_at                timestamptz,
    starts_at                timestamptz  NOT NULL,
    ends_at                  timestamptz  NOT NULL,
    version                  bigint       NOT NULL,
    taken                    integer      NOT NULL DEFAULT 0,  -- CONFIRMED + PENDING
    waitlisted               integer      NOT NULL DEFAULT 0,  -- WAITLISTED
    waitlist_seq             bigint       NOT NULL DEFAULT 0,  -- order of acceptance on the waiting list
    last_outcome             varchar(8),                        -- what the last registration got: PLACE, WAIT, FULL
    personal_data_purged_at  timestamptz,
    -- A capacity lowered in the catalog may leave taken > capacity: nobody loses a place, nobody new gets one.
    CONSTRAINT events_counters_not_negative CHECK (taken >= 0 AND waitlisted >= 0)
);
CREATE INDEX events_to_purge ON events (ends_at) WHERE personal_data_purged_at IS NULL;

CREATE TABLE registrations (
    id                       uuid PRIMARY KEY,
    event_id                 uuid         NOT NULL REFERENCES events (id),
    status                   varchar(16)  NOT NULL,
    waitlist_seq             bigint,
    name                     varchar(200),
    email                    varchar(254),
    -- trimmed, lower-cased email: one active registration per person and event
    email_key                varchar(254),
    organisation             varchar(200),
    language                 varchar(2)   NOT NULL,
    time_zone                varchar(64),
    interpretation_language  varchar(8),
    cancelled_by             varchar(16),
    personal_data_erased_at  timestamptz,
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL
);
CREATE UNIQUE INDEX registrations_one_active_per_email
    ON registrations (event_id, email_key) WHERE status IN ('CONFIRMED', 'PENDING', 'WAITLISTED');
CREATE INDEX registrations_waitlist ON registrations (event_id, waitlist_seq) WHERE status = 'WAITLISTED';
CREATE INDEX registrations_by_event ON registrations (event_id, created_at);

-- Only SHA-256 hashes of the registrants' tokens; each message mints a fresh token for its link.
CREATE TABLE registration_tokens (
    hash             bytea        PRIMARY KEY,
    registration_id  uuid         NOT NULL REFERENCES registrations (id),
    created_at       timestamptz  NOT NULL
);
CREATE INDEX registration_tokens_registration ON registration_tokens (registration_id);

CREATE TABLE idempotency_keys (
    event_id         uuid         NOT NULL,
    key              varchar(200) NOT NULL,
    request_hash     bytea        NOT NULL,
    registration_id  uuid         NOT NULL REFERENCES registrations (id),
    created_at       timestamptz  NOT NULL,
    PRIMARY KEY (event_id, key)
);

-- Idempotent consumer: a message's id is recorded in the transaction of its effect.
CREATE TABLE processed_messages (
    message_id    uuid         PRIMARY KEY,
    processed_at  timestamptz  NOT NULL
);

-- Messages leave through this table, written in the same transaction as the change (outbox).
CREATE TABLE outbox (
    id                bigserial    PRIMARY KEY,
    message_id        uuid         NOT NULL UNIQUE,
    destination       varchar(100) NOT NULL,
    message_key       varchar(100) NOT NULL,
    type              varchar(100) NOT NULL,
    payload           text         NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    published_at      timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- ShedLock: one relay at a time across instances keeps per-event message order.
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);

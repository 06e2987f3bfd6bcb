CREATE TABLE series (
    id                uuid PRIMARY KEY,
    organisation      varchar(64)  NOT NULL,
    details           jsonb        NOT NULL,
    created_at        timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX series_organisation ON series (organisation);

CREATE TABLE events (
    id                uuid PRIMARY KEY,
    organisation      varchar(64)  NOT NULL,
    series_id         uuid REFERENCES series (id),
    status            varchar(16)  NOT NULL,
    -- Local wall-clock times in time_zone, as organisers enter them; starts_at/ends_at are the instants.
    start_local       timestamp    NOT NULL,
    time_zone         varchar(64)  NOT NULL,
    starts_at         timestamptz  NOT NULL,
    ends_at           timestamptz  NOT NULL,
    details           jsonb        NOT NULL,
    search_text       text         NOT NULL,
    version           bigint       NOT NULL,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX events_public_listing ON events (status, starts_at);
CREATE INDEX events_organisation ON events (organisation, starts_at);
CREATE INDEX events_series ON events (series_id, start_local);

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

-- What the service knows of catalog events: the latest version received, meeting details included.
CREATE TABLE known_event (
    id           uuid PRIMARY KEY,
    organisation text        NOT NULL,
    status       text        NOT NULL,
    version      bigint      NOT NULL,
    starts_at    timestamptz NOT NULL,
    details      jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- The registrations announced by registration-service, as last announced.
CREATE TABLE registrant (
    registration_id   uuid PRIMARY KEY,
    event_id          uuid        NOT NULL,
    status            text        NOT NULL,
    name              text        NOT NULL,
    email             text        NOT NULL,
    organisation      text,
    language          text        NOT NULL,
    time_zone         text,
    manage_url        text,
    waitlist_position integer,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX registrant_by_event ON registrant (event_id, status);

-- Every email is first a row, then an SMTP send by the dispatcher.
CREATE TABLE notification (
    id                uuid PRIMARY KEY,
    event_id          uuid        NOT NULL,
    registration_id   uuid        NOT NULL,
    recipient         text        NOT NULL,
    kind              text        NOT NULL,
    status            text        NOT NULL,
    attempts          integer     NOT NULL DEFAULT 0,
    scheduled_for     timestamptz NOT NULL,
    next_attempt_at   timestamptz NOT NULL,
    sent_at           timestamptz,
    last_error        text,
    join_details      boolean     NOT NULL,
    calendar          boolean     NOT NULL,
    waitlist_position integer,
    reminder_offset   text,
    created_at        timestamptz NOT NULL
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('SCHEDULED', 'RETRYING');
CREATE INDEX notification_by_event ON notification (event_id, scheduled_for);
CREATE INDEX notification_by_registration ON notification (registration_id);
-- One reminder per registration, offset and due time: a moved event gets new ones, a replay none.
CREATE UNIQUE INDEX one_reminder_per_due_time ON notification (registration_id, reminder_offset, scheduled_for)
    WHERE kind = 'REMINDER';
CREATE UNIQUE INDEX one_event_cancelled_per_registration ON notification (registration_id)
    WHERE kind = 'EVENT_CANCELLED';

-- Idempotent consumers: written in the transaction of the message's effect.
CREATE TABLE processed_message (
    message_id   uuid PRIMARY KEY,
    topic        text        NOT NULL,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL
);

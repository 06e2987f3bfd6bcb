-- Series subscriptions (issue 17): following a series registers the follower for its occurrences.
-- The series an event belongs to, as the catalog says (null: not part of a series).
ALTER TABLE event ADD COLUMN series_id uuid;
CREATE INDEX event_by_series ON event (series_id) WHERE series_id IS NOT NULL;

-- Someone following a series; name, email, organisation and answers are personal data (erased with
-- any of its registrations).
CREATE TABLE subscription (
    id                       uuid PRIMARY KEY,
    series_id                uuid         NOT NULL,
    status                   varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
    name                     varchar(200),
    email                    varchar(254),
    email_key                varchar(254),
    organisation             varchar(200),
    language                 varchar(2)   NOT NULL,
    time_zone                varchar(64),
    interpretation_language  varchar(8),
    answers                  jsonb        NOT NULL DEFAULT '{}',
    created_at               timestamptz  NOT NULL,
    cancelled_at             timestamptz,
    personal_data_erased_at  timestamptz
);
-- One active subscription per email and series.
CREATE UNIQUE INDEX subscription_one_active_per_email ON subscription (series_id, email_key) WHERE status = 'ACTIVE';
CREATE INDEX subscription_active_by_series ON subscription (series_id) WHERE status = 'ACTIVE';

-- Only SHA-256 hashes of the subscription's tokens; each message mints a fresh one for its link.
CREATE TABLE subscription_token (
    hash             bytea        PRIMARY KEY,
    subscription_id  uuid         NOT NULL REFERENCES subscription (id),
    created_at       timestamptz  NOT NULL
);
CREATE INDEX subscription_token_subscription ON subscription_token (subscription_id);

-- Each (subscription, occurrence) pair is decided once: claimed (DECIDING), then REGISTERED (with the
-- registration), SKIPPED_ALREADY_REGISTERED or REFUSED. A pair decided is never enrolled again.
CREATE TABLE subscription_enrolment (
    subscription_id  uuid         NOT NULL REFERENCES subscription (id),
    event_id         uuid         NOT NULL REFERENCES event (id),
    outcome          varchar(32)  NOT NULL
        CHECK (outcome IN ('DECIDING', 'REGISTERED', 'SKIPPED_ALREADY_REGISTERED', 'REFUSED')),
    registration_id  uuid         REFERENCES registration (id),
    decided_at       timestamptz  NOT NULL,
    PRIMARY KEY (subscription_id, event_id)
);

-- The registrations a subscription made.
ALTER TABLE registration ADD COLUMN subscription_id uuid REFERENCES subscription (id);
CREATE INDEX registration_by_subscription ON registration (subscription_id) WHERE subscription_id IS NOT NULL;

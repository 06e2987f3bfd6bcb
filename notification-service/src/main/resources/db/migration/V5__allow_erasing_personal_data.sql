-- Personal data is erased on request (RegistrationErased) and notification.purge-after the event
-- ends: the registrant's name, email, organisation, time zone and manage link become null, and so
-- do the recipients (and SMTP errors, which may quote them) in the delivery log.
ALTER TABLE registrant ADD COLUMN erased_at timestamptz;
ALTER TABLE registrant ALTER COLUMN name DROP NOT NULL;
ALTER TABLE registrant ALTER COLUMN email DROP NOT NULL;
-- Until erased, a registrant has a name and an email, as before.
ALTER TABLE registrant ADD CONSTRAINT registrant_contact_until_erased
    CHECK (erased_at IS NOT NULL OR (name IS NOT NULL AND email IS NOT NULL));
ALTER TABLE notification ALTER COLUMN recipient DROP NOT NULL;
-- An email still to be sent has someone to go to.
ALTER TABLE notification ADD CONSTRAINT notification_unsent_has_recipient
    CHECK (recipient IS NOT NULL OR status NOT IN ('SCHEDULED', 'RETRYING'));

-- When each event ends, for the purge (stored as announced, as endsAt in details).
ALTER TABLE known_event ADD COLUMN ends_at timestamptz;
UPDATE known_event SET ends_at = CASE WHEN details ->> 'endsAt' ~ '^\d{4}-\d{2}-\d{2}T'
    THEN (details ->> 'endsAt')::timestamptz ELSE starts_at END;
ALTER TABLE known_event ALTER COLUMN ends_at SET NOT NULL;
CREATE INDEX known_event_by_end ON known_event (ends_at);

-- ShedLock (the service-starter's scheduling locks): one purge at a time across instances.
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);

-- One naming convention for tables in every service: singular, as catalog and notification name
-- theirs (outbox, shedlock, processed_message, notification, registrant, known_event). Indexes and
-- constraints follow their tables' new names so that an operator reading a plan finds them.
ALTER TABLE events RENAME TO event;
ALTER INDEX events_pkey RENAME TO event_pkey;
ALTER INDEX events_to_purge RENAME TO event_to_purge;
ALTER TABLE event RENAME CONSTRAINT events_counters_not_negative TO event_counters_not_negative;

ALTER TABLE registrations RENAME TO registration;
ALTER INDEX registrations_pkey RENAME TO registration_pkey;
ALTER INDEX registrations_one_active_per_email RENAME TO registration_one_active_per_email;
ALTER INDEX registrations_waitlist RENAME TO registration_waitlist;
ALTER INDEX registrations_by_event RENAME TO registration_by_event;
ALTER TABLE registration RENAME CONSTRAINT registrations_event_id_fkey TO registration_event_id_fkey;

ALTER TABLE registration_tokens RENAME TO registration_token;
ALTER INDEX registration_tokens_pkey RENAME TO registration_token_pkey;
ALTER INDEX registration_tokens_registration RENAME TO registration_token_registration;
ALTER TABLE registration_token
    RENAME CONSTRAINT registration_tokens_registration_id_fkey TO registration_token_registration_id_fkey;

ALTER TABLE idempotency_keys RENAME TO idempotency_key;
ALTER INDEX idempotency_keys_pkey RENAME TO idempotency_key_pkey;
ALTER TABLE idempotency_key
    RENAME CONSTRAINT idempotency_keys_registration_id_fkey TO idempotency_key_registration_id_fkey;

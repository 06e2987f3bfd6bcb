-- Check-in at the door (issue 16). The event's format comes from the catalog with each version of
-- the event; events stored before this migration have none (null: unknown) until their next
-- catalog message, and count as not online (codes shown, check-in allowed).
ALTER TABLE event ADD COLUMN format text;
-- check_in_code: an unguessable reference drawn at random when the registration is created (never
-- derived from personal data), shown to the registrant and to the event's organisers; null once the
-- personal data is erased, so the old code finds nothing. checked_in_at: when the person was first
-- checked in (UTC), null when not (or when the check-in was undone).
ALTER TABLE registration ADD COLUMN check_in_code text, ADD COLUMN checked_in_at timestamptz;
-- Existing registrations get a code of 122 random bits (gen_random_uuid draws from the server's
-- strong random source), as 22 base64url characters like the codes drawn in Java.
UPDATE registration
SET check_in_code = rtrim(translate(encode(decode(replace(gen_random_uuid()::text, '-', ''), 'hex'), 'base64'),
                                    '+/', '-_'), '=')
WHERE personal_data_erased_at IS NULL;
CREATE UNIQUE INDEX registration_check_in_code ON registration (check_in_code);

-- Attestations of attendance (issue 16). What the PDF says of the event, as the catalog last
-- described it: the title per language ({"fr": "...", "en": "..."}), the venue ({name, address,
-- city, country}, null for an online event), the event's time zone (IANA id) and the organisation's
-- display name when the catalog's message carries one. Null for events last announced before this
-- migration, until their next catalog message (the PDF then falls back on the organisation's slug,
-- UTC and no title).
ALTER TABLE event ADD COLUMN title jsonb, ADD COLUMN venue jsonb, ADD COLUMN time_zone text,
    ADD COLUMN organisation_name text;
-- attestation_code: the verification code printed on the attestation, drawn at random on its first
-- download and the same on every later one; attestation_issued_at: when it was first issued (UTC).
ALTER TABLE registration ADD COLUMN attestation_code text, ADD COLUMN attestation_issued_at timestamptz;
CREATE UNIQUE INDEX registration_attestation_code ON registration (attestation_code);

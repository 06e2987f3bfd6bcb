-- The dispatcher claims the due rows oldest first (next_attempt_at, then seq) and evaluates the
-- per-recipient limit only on the rows it reaches in that order, until its batch is full: with
-- thousands due at once (a reminder to every registrant of a session), a claim no longer weighs
-- every due row (issue 13).
CREATE INDEX notification_due_in_order ON notification (next_attempt_at, seq)
    WHERE status IN ('SCHEDULED', 'RETRYING');
-- The rows on their way (claimed), few at any time: "another email of this registration is on
-- its way" is then an index probe, not a scan of every notification ever sent.
CREATE INDEX notification_claimed ON notification (registration_id) WHERE claim_id IS NOT NULL;

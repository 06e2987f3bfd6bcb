-- Messages that an event's organisers write to its registrants (issue 15). Recipients are judged
-- when the message falls due (send_at), not when it was posted: planned_at is null until the
-- message's emails are planned, one notification row per registrant (kind MESSAGE).
CREATE TABLE message (
    id              uuid PRIMARY KEY,
    event_id        uuid        NOT NULL,
    recipients      jsonb       NOT NULL,
    subject         jsonb       NOT NULL,
    body            jsonb       NOT NULL,
    send_at         timestamptz NOT NULL,
    planned_at      timestamptz,
    created_at      timestamptz NOT NULL,
    -- The Idempotency-Key the organiser sent, and the SHA-256 of the request it came with: the
    -- same key and body answer the same message, the same key with another body is refused.
    idempotency_key text,
    request_hash    bytea
);
CREATE INDEX message_by_event ON message (event_id, created_at);
CREATE INDEX message_due ON message (send_at) WHERE planned_at IS NULL;
CREATE UNIQUE INDEX message_idempotency_key ON message (event_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- The message an email of kind MESSAGE carries; null for the other kinds. One per registrant: two
-- instances planning the same message (or a retried planning) add no second email.
ALTER TABLE notification ADD COLUMN message_id uuid;
CREATE UNIQUE INDEX one_email_per_message_and_registration ON notification (message_id, registration_id)
    WHERE message_id IS NOT NULL;

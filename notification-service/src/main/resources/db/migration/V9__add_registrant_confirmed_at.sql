-- When the registration became confirmed, as it happened in registration-service (the message's
-- occurredAt), not when this service processed it: reminders are judged against it (issue 13), so
-- that a consumer that falls behind never drops one. Null while not confirmed.
ALTER TABLE registrant ADD COLUMN confirmed_at timestamptz;
-- Before this column the best known time is when the row was last written.
UPDATE registrant SET confirmed_at = updated_at WHERE status = 'CONFIRMED';

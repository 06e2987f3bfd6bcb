-- An event's follow-up (issue 15) is planned and sent as a message of kind FOLLOW_UP: one per event
-- at most, to CONFIRMED registrants, its send_at (the event's end plus the follow-up's delay)
-- re-planned while planned_at is null, and never again once planned. Its subject is written from
-- the event's title when the email is (subject stays {}); its links are kept here.
ALTER TABLE message ADD COLUMN kind text NOT NULL DEFAULT 'MESSAGE';
ALTER TABLE message ADD COLUMN links jsonb NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX one_follow_up_per_event ON message (event_id) WHERE kind = 'FOLLOW_UP';

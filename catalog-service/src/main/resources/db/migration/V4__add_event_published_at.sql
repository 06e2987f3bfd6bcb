-- When an event was first published. The public sees an event once it has been published, and a
-- cancelled one only if it was: a draft cancelled before publication stays its organisers' own.
ALTER TABLE event ADD COLUMN published_at timestamptz;

-- Existing events: published ones, and cancelled ones whose publication left a message in the
-- outbox (the catalog never deletes its outbox rows, and writes EventCancelled only for an event
-- that was public). The time is that of the first such message, else the last update.
UPDATE event e
SET published_at = coalesce(
        (SELECT min(o.occurred_at) FROM outbox o
         WHERE o.message_key = e.id::text AND o.type IN ('EventPublished', 'EventCancelled')),
        e.updated_at)
WHERE e.status = 'PUBLISHED'
   OR EXISTS (SELECT 1 FROM outbox o
              WHERE o.message_key = e.id::text AND o.type IN ('EventPublished', 'EventCancelled'));

ALTER TABLE event ADD CONSTRAINT event_published_has_published_at
    CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL);

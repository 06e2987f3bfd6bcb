-- The SEQUENCE of the last iCalendar attachment sent about each event (RFC 5545 §3.8.7.4): a
-- calendar applies an update of an entry (same UID) only if its SEQUENCE is above the one it holds,
-- so every attachment one person receives must carry a higher one than the last, whatever happened
-- in between (a cancellation, an erasure, a new registration with the same address). The event's
-- version alone repeats itself: "confirmed" then "cancelled" both carried version 2. One counter
-- per event, above every attachment sent about it to anyone: no address is kept.
CREATE TABLE calendar_sequence (
    event_id      uuid   PRIMARY KEY,
    last_sequence bigint NOT NULL
);

-- The attachments sent before this table existed carried their event's version then, at most the
-- version known now: the next one goes above it.
INSERT INTO calendar_sequence (event_id, last_sequence)
SELECT n.event_id, max(e.version)
FROM notification n JOIN known_event e ON e.id = n.event_id
WHERE n.status = 'SENT' AND n.calendar
GROUP BY n.event_id;

-- The SEQUENCE of the last iCalendar attachment sent to each address about each event (RFC 5545
-- §3.8.7.4): a calendar applies an update of an entry (same UID) only if its SEQUENCE is above the
-- one it holds, so every attachment one person receives must carry a higher one than the last,
-- whatever happened in between (a cancellation, a new registration with the same address). The
-- event's version alone repeats itself: "confirmed" then "cancelled" both carried version 2.
-- The address is kept only as the SHA-256 of its lower case (what the per-recipient limit compares),
-- and the row is deleted when its registrant's personal data is erased or purged.
CREATE TABLE calendar_sequence (
    event_id       uuid   NOT NULL,
    recipient_hash bytea  NOT NULL,
    last_sequence  bigint NOT NULL,
    PRIMARY KEY (event_id, recipient_hash)
);

-- The attachments sent before this table existed carried their event's version then, at most the
-- version known now: the next one to each of those addresses goes above it.
INSERT INTO calendar_sequence (event_id, recipient_hash, last_sequence)
SELECT n.event_id, sha256(convert_to(lower(n.recipient), 'UTF8')), max(e.version)
FROM notification n JOIN known_event e ON e.id = n.event_id
WHERE n.status = 'SENT' AND n.calendar AND n.recipient IS NOT NULL
GROUP BY n.event_id, sha256(convert_to(lower(n.recipient), 'UTF8'));

-- How many emails a message planned when it fell due (issue 15): its `counts.planned` stays what it
-- was when a registrant's personal data is erased later (their unsent email is dropped, as every
-- kind's is; the lines of those sent stay without the address). Null for a message not planned
-- yet; messages planned before this column count their rows as before.
ALTER TABLE message ADD COLUMN planned_count integer;

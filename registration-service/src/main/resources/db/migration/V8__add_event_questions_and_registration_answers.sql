-- Registration questions (issue 15): the catalog owns an event's questions and sends them with each
-- version of the event; registration keeps the current list, in its order, to judge the answers by.
-- The answers are the registrant's, stored with the registration as {"<questionId>": value}, and are
-- personal data: erasure empties them with the name and email. jsonb, since they are read whole and
-- counted per question (registration-stats' byAnswer) but never searched.
ALTER TABLE event ADD COLUMN questions jsonb NOT NULL DEFAULT '[]';
ALTER TABLE registration ADD COLUMN answers jsonb NOT NULL DEFAULT '{}';

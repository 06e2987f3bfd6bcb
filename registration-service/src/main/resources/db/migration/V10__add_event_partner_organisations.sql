-- Partner organisations (issue 16): the slugs the catalog names in event.partnerOrganisations. Their
-- organisers read the event's attendees and stats and, with their door staff, check people in.
-- Events stored before this migration have none until their next catalog message.
ALTER TABLE event ADD COLUMN partner_organisations text[] NOT NULL DEFAULT '{}';

-- Indexes for the public reads (issue 13), so that a listing reads what it answers rather than the
-- whole catalogue, which grows mostly with past events.

-- GET /api/events without dates: published events not yet ended, soonest first, and their count.
-- The ended ones are skipped through ends_at; the page is then sorted by starts_at.
CREATE INDEX event_public_not_ended ON event (status, ends_at);

-- GET /api/events with from/to: the days are compared with the local start.
CREATE INDEX event_status_start_local ON event (status, start_local);

-- A series' events, per status, soonest first: one statement for a whole page of series.
CREATE INDEX event_series_status_start ON event (series_id, status, starts_at, id);

-- GET /api/series, all organisations' or one's, oldest first.
CREATE INDEX series_listing ON series (created_at, id);
CREATE INDEX series_organisation_listing ON series (organisation, created_at, id);

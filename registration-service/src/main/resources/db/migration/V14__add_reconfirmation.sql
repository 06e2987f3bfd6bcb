-- Reconfirmation (issue 17). An event's policy, from the catalog's event.registration.reconfirmation,
-- kept as the instants it gives for the event's current start (recomputed with every catalog
-- version): ask = startsAt - before, due = startsAt - deadline, remind = halfway between them. All
-- null: no reconfirmation (the default, and every event stored before this migration until its next
-- catalog message). The policy's durations are kept as the catalog sent them (ISO-8601, e.g. P3D).
ALTER TABLE event
    ADD COLUMN reconfirmation_before text,
    ADD COLUMN reconfirmation_deadline text,
    ADD COLUMN reconfirmation_ask_at timestamptz,
    ADD COLUMN reconfirmation_remind_at timestamptz,
    ADD COLUMN reconfirmation_due_at timestamptz,
    ADD COLUMN reconfirmation_release_silent boolean NOT NULL DEFAULT false;
CREATE INDEX event_reconfirmation ON event (reconfirmation_ask_at) WHERE reconfirmation_ask_at IS NOT NULL;
-- Per registration, each null until it happened (UTC): asked, reminded, answered yes (reconfirmed),
-- answered no (declined), released for silence (status RELEASED). confirmed_at: when the
-- registration last became CONFIRMED other than by being created so (promoted, approved, a place taken
-- back); null means created_at: a place taken after the event's ask instant is not asked.
ALTER TABLE registration
    ADD COLUMN reconfirmation_requested_at timestamptz,
    ADD COLUMN reconfirmation_reminded_at timestamptz,
    ADD COLUMN reconfirmed_at timestamptz,
    ADD COLUMN declined_at timestamptz,
    ADD COLUMN released_at timestamptz,
    ADD COLUMN confirmed_at timestamptz;

-- GET /api/events?partnerOrganisation=<slug> (issue 16): events whose details name the slug in
-- partnerOrganisations, found by jsonb containment (@>) through this index.
CREATE INDEX event_partner_organisations ON event USING gin ((details -> 'partnerOrganisations'));

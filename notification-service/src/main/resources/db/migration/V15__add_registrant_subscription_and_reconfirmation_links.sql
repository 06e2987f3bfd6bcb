-- Issue 17: a registration may come from a series subscription, and registration-service may ask
-- its registrant to reconfirm. The emails need the subscription's page ("stop following") and the
-- reconfirm / decline pages, each with a token: kept as last announced, erased with the rest of the
-- personal data. The status column (text) also takes RELEASED now.
ALTER TABLE registrant ADD COLUMN subscription_id uuid;
ALTER TABLE registrant ADD COLUMN subscription_url text;
ALTER TABLE registrant ADD COLUMN reconfirm_url text;
ALTER TABLE registrant ADD COLUMN decline_url text;

-- The dispatcher claims due rows for a limited time, commits, and only then talks to the SMTP
-- server: no row lock is held over the network. claim_id names the claim, so that an outcome is
-- written only onto the claim that sent it; claimed_until is when the claim lapses and another
-- instance may take the row again (its claimant died, or could not write the outcome).
-- A claimed row keeps its status (SCHEDULED or RETRYING): the delivery log shows no new state.
ALTER TABLE notification ADD COLUMN claim_id uuid;
ALTER TABLE notification ADD COLUMN claimed_until timestamptz;

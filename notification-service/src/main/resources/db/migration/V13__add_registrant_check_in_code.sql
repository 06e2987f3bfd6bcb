-- Issue 16: the registration's check-in code as registration-service last announced it (only while
-- CONFIRMED for an event that is not online, else null), for the QR code in the confirmation,
-- promotion and reminder emails. A secret of the registrant's: erasing the personal data clears it.
ALTER TABLE registrant ADD COLUMN check_in_code text;

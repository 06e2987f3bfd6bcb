-- One name for the idempotent consumer's table in every service (the service-starter's
-- ProcessedMessages): processed_message, with the topic and type for the operator reading it.
ALTER TABLE processed_messages RENAME TO processed_message;
ALTER TABLE processed_message ADD COLUMN topic text NOT NULL DEFAULT 'catalog.events';
ALTER TABLE processed_message ADD COLUMN type text NOT NULL DEFAULT 'unknown';
ALTER TABLE processed_message ALTER COLUMN topic DROP DEFAULT;
ALTER TABLE processed_message ALTER COLUMN type DROP DEFAULT;
